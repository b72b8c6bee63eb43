package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The defaults a new user meets: no Zoho credentials and no secrets configured. */
@ExtendWith(VertxExtension.class)
class DemoModeTest {

    @Test
    void without_zoho_credentials_the_built_in_sandbox_serves_and_demo_secrets_are_kept_owner_only(
            Vertx vertx, @TempDir Path dataDir) throws Exception {
        ZohoSyncApp app = await(ZohoSyncApp.start(
                vertx,
                Map.of(
                        "ZSYNC_DATABASE_URL",
                        databaseUrl(),
                        "ZSYNC_HTTP_HOST",
                        "127.0.0.1",
                        "ZSYNC_HTTP_PORT",
                        "0",
                        "ZSYNC_DATA_DIR",
                        dataDir.toString(),
                        "ZSYNC_POLL_INTERVAL_MS",
                        "100")));
        try {
            Path secrets = dataDir.resolve("demo-credentials.env");
            assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            List<String> lines = Files.readAllLines(secrets);
            String apiKey = lines.stream()
                    .filter(l -> l.startsWith("export ZSYNC_API_KEY="))
                    .findFirst()
                    .orElseThrow()
                    .substring("export ZSYNC_API_KEY=".length());

            WebClient http = ServiceContract.validated(WebClient.create(vertx));
            String id = "demo-" + UUID.randomUUID();
            int accepted = await(http.post(app.httpPort(), "127.0.0.1", "/api/v1/customers")
                            .bearerTokenAuthentication(apiKey)
                            .sendJsonObject(new JsonObject()
                                    .put("id", id)
                                    .put("last_name", "Demo " + id)
                                    .put("email", id + "@example.com")))
                    .statusCode();
            assertThat(accepted).isEqualTo(202);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            String status = null;
            while (Instant.now().isBefore(deadline) && !"synced".equals(status)) {
                Thread.sleep(50);
                status = await(http.get(app.httpPort(), "127.0.0.1", "/api/v1/customers/" + id)
                                .bearerTokenAuthentication(apiKey)
                                .send())
                        .bodyAsJsonObject()
                        .getJsonObject("sync")
                        .getString("status");
            }
            assertThat(status).isEqualTo("synced");
        } finally {
            await(app.stop());
        }
    }

    @Test
    void a_service_connected_to_zoho_refuses_to_start_with_generated_secrets(Vertx vertx, @TempDir Path dataDir) {
        Future<ZohoSyncApp> start = ZohoSyncApp.start(
                vertx,
                Map.of(
                        "ZSYNC_DATABASE_URL",
                        databaseUrl(),
                        "ZSYNC_HTTP_PORT",
                        "0",
                        "ZSYNC_DATA_DIR",
                        dataDir.toString(),
                        "ZOHO_CLIENT_ID",
                        "1000.X",
                        "ZOHO_CLIENT_SECRET",
                        "s",
                        "ZOHO_REFRESH_TOKEN",
                        "1000.r",
                        "ZOHO_ORGANIZATION_ID",
                        "1"));

        ExecutionException failure =
                org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(start));
        assertThat(failure.getCause())
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_API_KEYS, ZSYNC_ADMIN_TOKEN and ZSYNC_TOKEN_KEYS");
        assertThat(dataDir.resolve("demo-credentials.env")).doesNotExist();
    }

    @Test
    void a_service_connected_to_zoho_refuses_short_keys_naming_the_variable(Vertx vertx, @TempDir Path dataDir)
            throws Exception {
        Map<String, String> env = TestEnvironment.connectedTo(
                "http://127.0.0.1:9",
                "http://127.0.0.1:9",
                PostgresFixture.shared().settings(),
                dataDir);
        env.put("ZSYNC_ADMIN_TOKEN", "s3cret");
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> await(ZohoSyncApp.start(vertx, env)));
        assertThat(failure.getCause())
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageStartingWith("ZSYNC_ADMIN_TOKEN: with Zoho connected every key must be at least 32");
    }

    /** A database of its own: a demo run keeps its own token-encryption key, unlike the other tests' instances. */
    private static String databaseUrl() {
        return PostgresFixture.url(PostgresFixture.shared().newDatabase());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
