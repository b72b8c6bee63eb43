package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14's group commit seen from the API: a burst of concurrent requests (which the intake commits in shared
 * transactions) is stored whole, the same entity twice in it keeps both versions in turn, and one Idempotency-Key
 * sent with two different bodies at once is accepted once and refused once.
 */
@ExtendWith(VertxExtension.class)
class GroupCommitEndToEndTest {

    private static ZohoSandbox zoho;
    private static ZohoSyncApp app;
    private static WebClient http;
    private static Pool pool;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(), zoho.baseUrl(), db, Files.createTempDirectory("zsync-group"));
        env.put("ZSYNC_ENABLE_SYNC", "false");
        app = await(ZohoSyncApp.start(vertx, env));
        http = WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()),
                new PoolOptions().setHttp1MaxSize(64));
        pool = PostgresAdapters.pool(vertx, db);
    }

    @AfterAll
    static void stop() throws Exception {
        await(pool.close());
        await(app.stop());
        await(zoho.close());
    }

    @Test
    void a_concurrent_burst_is_stored_whole_and_one_entity_twice_in_it_ends_at_version_two() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add(post(customer("burst-" + run + "-" + i, "Lovelace"), null));
        }
        String twice = "twice-" + run;
        Future<HttpResponse<Buffer>> first = post(customer(twice, "First"), null);
        Future<HttpResponse<Buffer>> second = post(customer(twice, "Second"), null);
        burst.add(first);
        burst.add(second);
        for (Future<HttpResponse<Buffer>> answer : burst) {
            assertThat(await(answer).statusCode() / 100)
                    .as(await(answer).bodyAsString())
                    .isEqualTo(2);
        }

        for (int i = 0; i < 40; i++) {
            assertThat(stored("burst-" + run + "-" + i)).as("customer %d", i).isNotNull();
        }
        JsonObject both = stored(twice);
        assertThat(both.getInteger("version"))
                .as("both versions applied, one after the other")
                .isEqualTo(2);
        assertThat(both.getString("last_name")).isIn("First", "Second");
        assertThat(count("select count(*) from sync_jobs where entity_id like $1", "burst-" + run + "-%"))
                .as("every stored customer queued")
                .isGreaterThanOrEqualTo(40);
    }

    @Test
    void one_idempotency_key_sent_twice_at_once_with_different_bodies_is_accepted_once_and_refused_once()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "key-" + run;
        Future<HttpResponse<Buffer>> a = post(customer("keyed-a-" + run, "A"), key);
        Future<HttpResponse<Buffer>> b = post(customer("keyed-b-" + run, "B"), key);

        List<Integer> statuses = List.of(await(a).statusCode(), await(b).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        int storedCount = (stored("keyed-a-" + run) == null ? 0 : 1) + (stored("keyed-b-" + run) == null ? 0 : 1);
        assertThat(storedCount).as("only the accepted one is stored").isEqualTo(1);
    }

    private static Future<HttpResponse<Buffer>> post(JsonObject body, String idempotencyKey) {
        var request = http.post("/api/v1/customers").bearerTokenAuthentication(TestEnvironment.API_KEY);
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        return request.sendJsonObject(body);
    }

    private static JsonObject customer(String id, String lastName) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", lastName)
                .put("email", id + "@example.com");
    }

    /** The stored entity's payload with its version; null when it is not stored. */
    private static JsonObject stored(String id) throws Exception {
        var rows = await(pool.preparedQuery("select payload, version from platform_entities"
                        + " where entity_type = 'customer' and entity_id = $1")
                .execute(Tuple.of(id)));
        if (rows.size() == 0) {
            return null;
        }
        var row = rows.iterator().next();
        return ((JsonObject) row.getValue("payload")).copy().put("version", row.getInteger("version"));
    }

    private static long count(String sql, String arg) throws Exception {
        return await(pool.preparedQuery(sql).execute(Tuple.of(arg)))
                .iterator()
                .next()
                .getLong(0);
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
