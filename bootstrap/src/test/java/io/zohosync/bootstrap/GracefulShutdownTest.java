package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the service while a Zoho call is in flight lets that work finish: nothing stays leased, nothing is lost. */
@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

    @Test
    void stopping_mid_call_finishes_the_running_job_and_leaves_no_lease_behind(Vertx vertx, @TempDir Path dataDir)
            throws Exception {
        ZohoSandbox zoho =
                await(ZohoSandbox.start(vertx, SandboxOptions.defaults().withLatency(Duration.ofMillis(1500))));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        ZohoSyncApp app = await(
                ZohoSyncApp.start(vertx, TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, dataDir)));
        Pool pool = PostgresAdapters.pool(vertx, db);
        try {
            String id = "stop-" + UUID.randomUUID();
            await(WebClient.create(vertx)
                    .post(app.httpPort(), "127.0.0.1", "/api/v1/customers")
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .sendJsonObject(new JsonObject()
                            .put("id", id)
                            .put("last_name", "Stop")
                            .put("email", id + "@example.com")));
            awaitStatus(pool, id, "syncing");

            await(app.stop());

            Row record = await(pool.preparedQuery("select status, zoho_id from sync_records where entity_id = $1")
                            .execute(Tuple.of(id)))
                    .iterator()
                    .next();
            assertThat(record.getString("status")).isEqualTo("synced");
            assertThat(zoho.inspect().recordsFor("zoho-sync:" + id)).hasSize(1);
            assertThat(await(pool.query("select count(*) from sync_jobs where locked_by is not null")
                                    .execute())
                            .iterator()
                            .next()
                            .getLong(0))
                    .isZero();
        } finally {
            await(pool.close());
            await(zoho.close());
        }
    }

    private static void awaitStatus(Pool pool, String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            var rows = await(pool.preparedQuery("select status from sync_records where entity_id = $1")
                    .execute(Tuple.of(id)));
            if (rows.size() == 1 && status.equals(rows.iterator().next().getString("status"))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never reached " + status);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
