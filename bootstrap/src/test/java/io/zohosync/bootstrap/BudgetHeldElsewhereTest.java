package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.adapters.postgres.zoho.ZohoPostgres;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13, defect 3: while another live instance holds every Books permit, the worker neither claims the work nor
 * logs a row per refusal (it used to claim, be refused and requeue every 200 ms, one log row each time), and the
 * work goes out within about a second of the permits' release.
 */
@ExtendWith(VertxExtension.class)
class BudgetHeldElsewhereTest {

    private static final Duration HELD = Duration.ofSeconds(5);
    private static ZohoSandbox zoho;
    private static ZohoSyncApp app;
    private static PostgresAdapters otherInstance;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        // a database of its own: the budget held there is this test's alone
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(), zoho.baseUrl(), db, Files.createTempDirectory("zsync-held"));
        env.put("ENABLE_ZOHO_SYNC", "true");
        app = await(ZohoSyncApp.start(vertx, env));
        otherInstance = await(PostgresAdapters.start(vertx, db));
        http = ServiceContract.validated(WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort())));
    }

    @AfterAll
    static void stop() throws Exception {
        await(app.stop());
        await(otherInstance.close());
        await(zoho.close());
    }

    @Test
    void while_another_instance_holds_every_permit_nothing_is_claimed_or_logged_and_work_resumes_on_release(Vertx vertx)
            throws Exception {
        ZohoBudget other =
                ZohoPostgres.budget(otherInstance.pool(), "other-" + UUID.randomUUID(), Duration.ofSeconds(6));
        long heartbeats = vertx.setPeriodic(1000, id -> other.heartbeat(Instant.now()));
        ZohoApiLimits limits = ZohoApiLimits.defaults(ZohoProduct.BOOKS);
        List<BudgetPermit.Granted> held = new ArrayList<>();
        try {
            for (int i = 0; i < limits.concurrency(); i++) {
                held.add(granted(other, limits));
            }
            String id = "held-" + UUID.randomUUID();
            assertThat(await(post(customer(id))).statusCode()).isEqualTo(202);

            Thread.sleep(HELD.toMillis());
            assertThat(status(id)).isEqualTo("pending");
            List<Row> log = log(id);
            int deferrals = log.stream()
                    .filter(r -> r.getString("event").startsWith("deferred_"))
                    .mapToInt(r -> r.getInteger("repeats"))
                    .sum();
            System.out.printf("permits held %s elsewhere: %d log rows, %d deferrals%n", HELD, log.size(), deferrals);
            assertThat(log)
                    .as("the intake's row, and at most one row of deferrals")
                    .hasSizeLessThanOrEqualTo(2);
            assertThat(deferrals)
                    .as("claims refused while the permits were held")
                    .isLessThanOrEqualTo(3);

            Instant released = Instant.now();
            for (BudgetPermit.Granted permit : held) {
                await(other.release(permit));
            }
            held.clear();
            awaitStatus(id, "synced");
            Duration resumed = Duration.between(released, Instant.now());
            System.out.printf("synced %d ms after the permits' release%n", resumed.toMillis());
            assertThat(resumed).isLessThan(Duration.ofMillis(1500));
        } finally {
            vertx.cancelTimer(heartbeats);
            for (BudgetPermit.Granted permit : held) {
                await(other.release(permit));
            }
        }
    }

    /**
     * A permit of {@code budget}'s: the service may still hold a concurrency unit of its lease from its start-up's
     * calls (the contact index's first listing), given back within seconds.
     */
    private static BudgetPermit.Granted granted(ZohoBudget budget, ZohoApiLimits limits) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            BudgetPermit permit = await(
                    budget.acquire(SandboxOptions.DEMO_ORGANIZATION_ID, ZohoProduct.BOOKS, limits, Instant.now()));
            if (permit instanceof BudgetPermit.Granted granted) {
                return granted;
            }
            assertThat(System.nanoTime()).as("a permit within 10 s: %s", permit).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void permits_held_by_an_instance_killed_with_calls_in_flight_come_back_within_seconds() throws Exception {
        // it took every Books permit, then died: no release, no heartbeat (it used to block all work for 90 s)
        ZohoBudget killed =
                ZohoPostgres.budget(otherInstance.pool(), "killed-" + UUID.randomUUID(), Duration.ofSeconds(6));
        ZohoApiLimits limits = ZohoApiLimits.defaults(ZohoProduct.BOOKS);
        Instant died = Instant.now();
        for (int i = 0; i < limits.concurrency(); i++) {
            assertThat(await(killed.acquire(SandboxOptions.DEMO_ORGANIZATION_ID, ZohoProduct.BOOKS, limits, died)))
                    .isInstanceOf(BudgetPermit.Granted.class);
        }
        String id = "after-kill-" + UUID.randomUUID();
        assertThat(await(post(customer(id))).statusCode()).isEqualTo(202);

        awaitStatus(id, "synced");
        Duration blocked = Duration.between(died, Instant.now());
        System.out.printf("synced %d ms after the instance holding every permit died%n", blocked.toMillis());
        assertThat(blocked).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(9));
    }

    private static List<Row> log(String id) throws Exception {
        List<Row> rows = new ArrayList<>();
        await(otherInstance
                        .pool()
                        .preparedQuery("select event, repeats from sync_log where entity_id = $1 order by id")
                        .execute(Tuple.of(id)))
                .forEach(rows::add);
        return rows;
    }

    private static String status(String id) throws Exception {
        HttpResponse<Buffer> response = await(http.get("/api/v1/customers/" + id)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .send());
        return response.bodyAsJsonObject().getJsonObject("sync").getString("status");
    }

    private static void awaitStatus(String id, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (wanted.equals(status(id))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never reached " + wanted + "; it is " + status(id));
    }

    private static Future<HttpResponse<Buffer>> post(JsonObject body) {
        return http.post("/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Held " + id)
                .put("email", id + "@example.com");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
