package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.adapters.postgres.testing.TcpProxy;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running service while its database is unreachable: every request that needs it is answered 503
 * {@code database_unavailable} with {@code Retry-After} (not 500), nothing is half-written, and the same
 * requests succeed once the database is back, without a restart.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutageEndToEndTest {

    @Test
    void while_the_database_is_away_requests_are_503_with_retry_after_and_work_resumes_when_it_is_back(
            Vertx vertx, @TempDir Path dataDir) throws Exception {
        ZohoSandbox zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        TcpProxy proxy = new TcpProxy(vertx, db).open(0);
        ZohoSyncApp app = await(ZohoSyncApp.start(
                vertx, TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), proxy.settings(), dataDir)));
        WebClient http = ServiceContract.validated(WebClient.create(vertx));
        Pool direct = PostgresAdapters.pool(vertx, db);
        try {
            assertThat(post(http, app, "before").statusCode()).isEqualTo(202);

            proxy.close();

            List<HttpResponse<Buffer>> refused = List.of(
                    post(http, app, "during"),
                    await(http.get(app.httpPort(), "127.0.0.1", "/api/v1/customers/before")
                            .bearerTokenAuthentication(TestEnvironment.API_KEY)
                            .send()),
                    await(http.get(app.httpPort(), "127.0.0.1", "/admin/api/sync/status")
                            .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                            .send()));
            for (HttpResponse<Buffer> response : refused) {
                assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
                assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
                assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("database_unavailable");
                assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            }
            assertThat(stored(direct, "during")).as("nothing half-written").isZero();

            proxy.reopen();

            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            int status = 0;
            while (status != 202 && Instant.now().isBefore(deadline)) {
                status = post(http, app, "during").statusCode();
                Thread.sleep(100);
            }
            assertThat(status)
                    .as("the same request succeeds once the database is back")
                    .isEqualTo(202);
            assertThat(stored(direct, "during")).isOne();
            assertThat(stored(direct, "before")).isOne();
        } finally {
            await(app.stop());
            proxy.close();
            await(direct.close());
            await(zoho.close());
        }
    }

    private static HttpResponse<Buffer> post(WebClient http, ZohoSyncApp app, String id) throws Exception {
        return await(http.post(app.httpPort(), "127.0.0.1", "/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(new JsonObject()
                        .put("id", id)
                        .put("last_name", "Outage")
                        .put("email", id + "@example.com")));
    }

    private static long stored(Pool pool, String id) throws Exception {
        return await(pool.preparedQuery("select count(*) from platform_entities where entity_id = $1")
                        .execute(Tuple.of(id)))
                .iterator()
                .next()
                .getLong(0);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
