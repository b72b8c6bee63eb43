package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The queue commands (backfill, drain, retry-failed, status) as an operator runs them: the jar's command line over the
 * service's environment, real PostgreSQL, the sandbox as Zoho; the history comes in through the service's platform API
 * while its sync is off (ZSYNC_ENABLE_SYNC=false), as a shop's does before it turns sync on.
 */
class QueueCommandsTest {

    record Run(int exitCode, String out, String err) {}

    private Vertx vertx;
    private ZohoSandbox zoho;
    private DatabaseSettings db;
    private Map<String, String> env;
    private ZohoSyncApp service;
    private WebClient http;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        zoho.control().baseCurrency("ZAR");
        db = PostgresFixture.shared().newDatabase();
        env = new HashMap<>(TestEnvironment.connectedTo(
                zoho.baseUrl(), zoho.baseUrl(), db, Files.createTempDirectory("zsync-queue")));
        startService(Map.of("ZSYNC_ENABLE_SYNC", "false"));
    }

    private void startService(Map<String, String> extra) throws Exception {
        Map<String, String> serviceEnv = new HashMap<>(env);
        serviceEnv.putAll(extra);
        service = await(ZohoSyncApp.start(vertx, serviceEnv));
        http = WebClient.create(vertx);
    }

    private void stopService() throws Exception {
        if (service != null) {
            await(service.stop());
            service = null;
        }
    }

    @AfterEach
    void stop() throws Exception {
        stopService();
        await(zoho.close());
        await(vertx.close());
    }

    @Test
    void a_dry_run_writes_nothing_and_prints_the_records_calls_and_time_under_the_caps() throws Exception {
        history(3, 2, 2);
        // a target added to the routing after this customer came: it has no record at books
        sql("delete from sync_jobs where entity_id = '" + cid(0) + "'");
        sql("delete from sync_records where entity_id = '" + cid(0) + "'");
        long log = count("select count(*) from sync_log");
        long jobs = count("select count(*) from sync_jobs");
        Map<String, Integer> calls = zoho.inspect().calls();

        Run dry = command("backfill", "--dry-run");

        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        // customers: the create and, the contact index being due for a refresh (this process has not refreshed
        // it), its list (2 each); items: sku search + create; invoices: create and the taxes list, none known yet
        // (the customer's contact currency comes from the contact index)
        assertThat(dry.out())
                .contains("nothing is written")
                .containsPattern("customer +books +3 +1 +6 +0\\.1 \\(900/day\\) +0\\.1 \\(95/min\\)")
                .containsPattern("item +books +2 +0 +4 ")
                .containsPattern("invoice +books +2 +0 +4 ")
                .containsPattern("total +7 +1 +14")
                .contains("books: 14 calls; 0 of 900 used in the last 24 h");
        assertThat(dry.out().indexOf("customer")).isLessThan(dry.out().indexOf("\ninvoice"));
        assertThat(count("select count(*) from sync_log")).as("no log row").isEqualTo(log);
        assertThat(count("select count(*) from sync_jobs")).as("no job").isEqualTo(jobs);
        assertThat(count("select count(*) from sync_records where entity_id = '" + cid(0) + "'"))
                .as("no record")
                .isZero();
        assertThat(zoho.inspect().calls()).as("no Zoho call").isEqualTo(calls);
        assertThat(command("backfill", "--dry-run", "--entity", "item").out())
                .containsPattern("item +books +2")
                .doesNotContain("customer ");
        assertThat(command("backfill", "--dry-run", "--since", "2999-01-01").out())
                .containsPattern("total +0 +0 +0");
    }

    @Test
    void a_backfill_brings_invoices_with_their_customers_and_items_to_synced_and_a_rerun_writes_nothing()
            throws Exception {
        history(3, 2, 2);
        sql("delete from sync_jobs where entity_id = '" + cid(0) + "'");
        sql("delete from sync_records where entity_id = '" + cid(0) + "'");

        Run backfill = command("backfill");

        assertThat(backfill.exitCode()).as(backfill.out() + backfill.err()).isZero();
        assertThat(backfill.out())
                .contains("7 records to bring to Zoho (1 queued now, 6 queued before)")
                .contains("7 of 7 done in")
                .contains("7 synced, 0 failed");
        assertThat(backfill.err()).as("the progress bar").contains("backfill", "7/7");
        assertThat(count("select count(*) from sync_records where status = 'synced'"))
                .isEqualTo(7);
        assertThat(count("select count(*) from sync_log where event = 'backfill'"))
                .isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(contacts(cid(i))).as("one contact each").isEqualTo(1);
        }
        assertThat(zoho.inspect().recordsFor("o-" + run + "-1").stream()
                        .filter(r -> r.entity().equals("invoices"))
                        .count())
                .isEqualTo(1);
        Map<String, Integer> calls = zoho.inspect().calls();

        Run again = command("backfill");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 records to bring to Zoho").contains("nothing to do");
        assertThat(zoho.inspect().calls()).as("no Zoho call").isEqualTo(calls);
    }

    @Test
    void an_interrupted_backfill_leaves_the_rest_queued_and_the_rerun_creates_each_contact_once() throws Exception {
        history(24, 0, 0);
        zoho.control().latency(Duration.ofMillis(150));
        env.put("ZSYNC_WORKER_BATCH", "2");
        AtomicReference<Run> first = new AtomicReference<>();
        Thread backfill = new Thread(() -> first.set(command("backfill")));
        backfill.start();
        awaitTrue(() -> created() >= 4, Duration.ofSeconds(30));

        backfill.interrupt(); // what Ctrl-C does: the shutdown hook interrupts the command's thread
        backfill.join(30_000);

        assertThat(first.get().exitCode()).as(first.get().out()).isEqualTo(130);
        assertThat(first.get().out()).contains("interrupted after").contains("the rest stay queued");
        long synced = count("select count(*) from sync_records where status = 'synced'");
        assertThat(synced).isBetween(1L, 23L);
        assertThat(count("select count(*) from sync_jobs where locked_by is not null"))
                .as("nothing left held")
                .isZero();

        Run rerun = command("backfill");

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out())
                .contains((24 - synced) + " records to bring to Zoho (0 queued now")
                .contains((24 - synced) + " synced, 0 failed");
        assertThat(synced()).isEqualTo(24);
        for (int i = 0; i < 24; i++) {
            assertThat(contacts(cid(i))).as("c-%d in Zoho once", i).isEqualTo(1);
        }
    }

    @Test
    void drain_runs_at_most_max_due_jobs_and_prints_each() throws Exception {
        history(5, 0, 0);

        Run drain = command("drain", "--max", "2");

        assertThat(drain.exitCode()).as(drain.out() + drain.err()).isZero();
        assertThat(drain.out().lines().filter(l -> l.matches(" +customer c-.* \\(books\\) +synced +created")))
                .hasSize(2);
        assertThat(drain.out()).contains("ran 2 of at most 2 jobs (0 failed); the cap was reached");
        assertThat(count("select count(*) from sync_records where status = 'synced'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from sync_records where status = 'pending'"))
                .isEqualTo(3);

        Run rest = command("drain", "--max", "10");
        assertThat(rest.out()).contains("ran 3 of at most 10 jobs (0 failed); nothing more was due");
    }

    @Test
    void a_scheduled_worker_runs_at_most_its_cap_per_period() throws Exception {
        history(5, 0, 0); // queued while sync is off, so that each run finds more due than its cap
        stopService();
        Instant started = Instant.now();
        startService(Map.of("ZSYNC_SCHEDULE", "every 4s", "ZSYNC_SCHEDULE_MAX", "2"));

        awaitTrue(() -> synced() == 2, Duration.ofSeconds(10));
        Thread.sleep(1000);
        assertThat(synced()).as("still 2 until the next period").isEqualTo(2);
        awaitTrue(() -> synced() == 4, Duration.ofSeconds(10));
        assertThat(Duration.between(started, Instant.now()))
                .as("the second run a period after the first")
                .isGreaterThan(Duration.ofSeconds(4));
        awaitTrue(() -> synced() == 5, Duration.ofSeconds(10));
        assertThat(Duration.between(started, Instant.now()))
                .as("the third run two periods after the first")
                .isGreaterThan(Duration.ofSeconds(8));
    }

    @Test
    void retry_failed_puts_failed_records_back_to_pending_and_status_counts_them() throws Exception {
        stopService();
        startService(Map.of());
        for (int i = 0; i < 2; i++) {
            put(
                    "customers",
                    "r-" + run + "-" + i,
                    customer("r-" + run + "-" + i).put("returning", true));
        }
        history(1, 0, 0);
        awaitTrue(
                () -> count("select count(*) from sync_records where status = 'failed'") == 2, Duration.ofSeconds(20));
        awaitTrue(() -> synced() == 1, Duration.ofSeconds(20));
        stopService();

        Run status = command("status", "--format", "json");
        assertThat(status.exitCode()).isZero();
        JsonObject json = new JsonObject(status.out());
        JsonObject books =
                json.getJsonObject("counts_by_target").getJsonObject("customer").getJsonObject("books");
        assertThat(books.getLong("failed")).isEqualTo(2);
        assertThat(books.getLong("synced")).isEqualTo(1);
        assertThat(json.getJsonObject("counts").getJsonObject("customer").getLong("failed"))
                .isEqualTo(2);
        assertThat(json.getJsonArray("budget").getJsonObject(0).getLong("calls_last_24h"))
                .isPositive();
        assertThat(command("status").out())
                .containsPattern("customer +books +0 +0 +1 +0 +0 +2 +0 +0")
                .contains("zoho budget books_and_inventory");

        Run retry = command("retry-failed", "--entity", "customer");

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("2 of 2 failed records back to pending");
        assertThat(count("select count(*) from sync_records where status = 'pending'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from admin_actions where action = 'retry'"
                        + " and actor like 'cli:retry-failed (%)' and entity_id like 'r-" + run + "-%'"))
                .as("the admin history names the command for each retry")
                .isEqualTo(2);
        assertThat(command("retry-failed").out()).contains("0 of 0 failed records");
        assertThat(command("status").out()).containsPattern("customer +books +2 +0 +1 ");
    }

    @Test
    void refusals_are_one_line_and_wrong_options_get_the_usage() throws Exception {
        Run unknown = command("backfill", "--entity", "customers");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .startsWith("zoho-sync backfill: --entity: unknown entity type 'customers' (known: customer, item,")
                .doesNotContain("\n")
                .doesNotContain("Exception");

        Run since = command("backfill", "--since", "yesterday");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err().strip())
                .isEqualTo("zoho-sync backfill: --since: 'yesterday' is neither an ISO date (2026-11-01) nor an"
                        + " instant (2026-11-01T08:00:00Z)");

        // without a Zoho organization (demo mode) a command would write to a sandbox of its own that vanishes with it
        Map<String, String> connected = new HashMap<>(env);
        env.keySet().removeIf(name -> name.startsWith("ZOHO_"));
        for (String[] args :
                List.of(new String[] {"backfill"}, new String[] {"drain", "--max", "1"}, new String[] {"reconcile"})) {
            long before = count("select count(*) from sync_log");
            Run demo = command(args);
            assertThat(demo.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(demo.err().strip())
                    .startsWith("zoho-sync " + args[0] + ": no Zoho organization is configured")
                    .doesNotContain("\n");
            assertThat(count("select count(*) from sync_log")).isEqualTo(before);
        }
        env.clear();
        env.putAll(connected);

        env.put("ZSYNC_DATABASE_URL", "postgresql://postgres:hunter2@127.0.0.1:1/nowhere");
        for (String[] args : List.of(
                new String[] {"backfill"}, new String[] {"drain", "--max", "1"}, new String[] {"status"}, new String[] {
                    "retry-failed"
                })) {
            Run down = command(args);
            assertThat(down.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(down.err().strip())
                    .startsWith("zoho-sync " + args[0] + ": postgresql://postgres@127.0.0.1:1/nowhere does not answer")
                    .doesNotContain("\n")
                    .doesNotContain("hunter2");
        }

        Run noMax = command("drain");
        assertThat(noMax.exitCode()).isEqualTo(2);
        assertThat(noMax.err()).contains("Missing required option: '--max=N'").contains("Usage: zoho-sync drain");
        Run badFormat = command("status", "--format", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("Usage: zoho-sync status");
    }

    // ---- the platform's history, sent while sync was off

    /** {@code customers} customers, {@code items} items and {@code orders} orders of the first customer and item. */
    private void history(int customers, int items, int orders) throws Exception {
        for (int i = 0; i < customers; i++) {
            put("customers", cid(i), customer(cid(i)));
        }
        for (int i = 0; i < items; i++) {
            put(
                    "items",
                    "i-" + run + "-" + i,
                    new JsonObject()
                            .put("name", "Yoga " + run + " " + i)
                            .put("rate", "250.00")
                            .put("currency", "ZAR"));
        }
        for (int i = 0; i < orders; i++) {
            put(
                    "orders",
                    "o-" + run + "-" + i,
                    new JsonObject()
                            .put("customer_id", cid(0))
                            .put("date", "2026-03-01")
                            .put("currency", "ZAR")
                            .put("tax", new JsonObject().put("scheme", "single").put("name", "VAT"))
                            .put(
                                    "line_items",
                                    new JsonArray()
                                            .add(new JsonObject()
                                                    .put("item_id", "i-" + run + "-0")
                                                    .put("quantity", "1")
                                                    .put("rate", "250.00")
                                                    .put("tax_percentage", "15"))));
        }
    }

    /** Customer ids of one width, so that none is a prefix of another (the sandbox finds markers by prefix). */
    private String cid(int i) {
        return String.format("c-%s-%02d", run, i);
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("first_name", "Ada")
                .put("last_name", "Backfill " + id)
                .put("email", id + "@example.com");
    }

    private void put(String collection, String id, JsonObject body) throws Exception {
        int status = await(http.put(service.httpPort(), "127.0.0.1", "/api/v1/" + collection + "/" + id)
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(body))
                .statusCode();
        assertThat(status).as(collection + " " + id).isBetween(200, 202);
    }

    private Run command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main(env))
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private long contacts(String marker) {
        return zoho.inspect().recordsFor(marker).stream()
                .filter(r -> r.entity().equals("contacts"))
                .count();
    }

    private long created() {
        return zoho.inspect().calls("POST /books/v3/contacts");
    }

    private long synced() {
        return count("select count(*) from sync_records where status = 'synced'");
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private long count(String query) {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                        db.user(),
                        db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
                        db.user(),
                        db.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
