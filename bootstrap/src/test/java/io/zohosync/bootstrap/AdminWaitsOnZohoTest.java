package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.Fault;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin action that waits on Zoho (here the console's contact search) is answered when Zoho does not answer at all:
 * the Zoho call's timeout ends it before the connection's idle timeout would close it with no answer.
 */
@ExtendWith(VertxExtension.class)
class AdminWaitsOnZohoTest {

    @Test
    void a_contact_search_zoho_never_answers_gets_a_503_before_the_connection_times_out(
            Vertx vertx, @TempDir Path dataDir) throws Exception {
        ZohoSandbox zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(), zoho.baseUrl(), PostgresFixture.shared().newDatabase(), dataDir);
        env.put("ZSYNC_ENABLE_SYNC", "false"); // nothing else calls Zoho: the fault is the search's
        env.put("ZSYNC_ZOHO_TIMEOUT_MS", "1000");
        env.put("ZSYNC_HTTP_IDLE_TIMEOUT_MS", "3000");
        ZohoSyncApp app = await(ZohoSyncApp.start(vertx, env));
        WebClient http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
        try {
            assertThat(await(search(http)).statusCode())
                    .as("a search Zoho answers")
                    .isEqualTo(200);
            zoho.control().failNext(Fault.TIMEOUT, 1);

            long started = System.nanoTime();
            HttpResponse<Buffer> unanswered = await(search(http));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(unanswered.statusCode()).isEqualTo(503);
            assertThat(unanswered.bodyAsJsonObject().getString("code")).isEqualTo("zoho_unavailable");
            assertThat(tookMillis)
                    .as("answered after Zoho's timeout, before the idle one")
                    .isBetween(900L, 2900L);
        } finally {
            http.close();
            await(app.stop());
            await(zoho.close());
        }
    }

    private static Future<HttpResponse<Buffer>> search(WebClient http) {
        return http.get("/admin/api/zoho/contacts")
                .addQueryParam("q", "ada@example.com")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .send();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
