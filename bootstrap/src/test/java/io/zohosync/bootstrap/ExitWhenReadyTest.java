package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.adapters.postgres.testing.TcpProxy;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zoho-sync --exit-when-ready}: starts the service, waits until it answers ready, stops it, says so in its exit code. */
@ExtendWith(VertxExtension.class)
class ExitWhenReadyTest {

    @Test
    void exits_0_once_ready_having_stopped_the_service(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of(
                "ZSYNC_DATABASE_URL",
                PostgresFixture.url(PostgresFixture.shared().newDatabase()),
                "ZSYNC_HTTP_HOST",
                "127.0.0.1");

        int code = new CommandLine(new Main(env))
                .execute("--exit-when-ready", "--port", Integer.toString(port), "--data-dir", dataDir.toString());

        assertThat(code).isZero();
        assertThat(dataDir.resolve("demo-credentials.env"))
                .as("it did start, in the data folder given")
                .exists();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .as("nothing listens on its port any more")
                .isInstanceOf(IOException.class);
    }

    @Test
    void exits_1_when_the_service_cannot_start(@TempDir Path dataDir) {
        Map<String, String> env = Map.of(
                "ZSYNC_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere", "ZSYNC_HTTP_HOST", "127.0.0.1");

        int code = new CommandLine(new Main(env))
                .execute("--exit-when-ready", "--port", "0", "--data-dir", dataDir.toString());

        assertThat(code).isEqualTo(1);
    }

    /**
     * {@code --ignore-environment} (the build's archive training) reads none of the shell's settings: a database the
     * environment names but that cannot be reached stops nothing, as the embedded defaults start instead.
     */
    @Test
    void ignoring_the_environment_starts_on_the_embedded_defaults_whatever_it_sets(@TempDir Path dataDir) {
        Map<String, String> env = Map.of(
                "ZSYNC_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nowhere", "ZSYNC_HTTP_PORT", "not-a-port");

        int code = new CommandLine(new Main(env))
                .execute(
                        "--exit-when-ready",
                        "--ignore-environment",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString());

        assertThat(code).isZero();
        assertThat(dataDir.resolve("demo-credentials.env")).exists();
    }

    @Test
    void the_wait_for_ready_gives_up_while_the_database_is_away_and_succeeds_once_it_is_back(
            Vertx vertx, @TempDir Path dataDir) throws Exception {
        ZohoSandbox zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        TcpProxy proxy = new TcpProxy(vertx, db).open(0);
        ZohoSyncApp app = await(ZohoSyncApp.start(
                vertx, TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), proxy.settings(), dataDir)));
        try {
            proxy.close();
            assertThat(await(app.ready(Duration.ofMillis(500)))).isFalse();

            proxy.reopen();
            assertThat(await(app.ready(Duration.ofSeconds(15)))).isTrue();
        } finally {
            await(app.stop());
            proxy.close();
            await(zoho.close());
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
