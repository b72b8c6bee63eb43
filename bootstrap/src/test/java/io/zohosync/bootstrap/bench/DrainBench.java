package io.zohosync.bootstrap.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The drain (issue 14, goal 2): customers already queued (posted while sync was off) synced through the worker
 * against an unthrottled sandbox, timed from the start of a service with sync on until none is open; the baseline is
 * the same number of contact creations sent straight to the same sandbox, in the same process, as many at once as the
 * service may call Zoho at once. Twice: at Zoho Books' own concurrency (10 calls at once), and with that lifted too,
 * as an unthrottled Zoho would (32 at once on both sides, as many as the ingest keeps in flight).
 * The drain is timed from the service's readiness (the customers it synced while starting left out).
 * Each figure is the median of 3 rounds; each round uses a fresh database and an empty sandbox organization.
 */
public final class DrainBench {

    private static final int CONCURRENCY = 32;
    /** Zoho Books' concurrent calls per organization (zoho-api.md §2.11). */
    private static final int ZOHO_CONCURRENCY = 10;

    private DrainBench() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<String> report = new ArrayList<>();
            measure(vertx, Integer.getInteger("bench.customers", 1_500), report);
            report.forEach(System.out::println);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    public static void measure(Vertx vertx, int customers, List<String> report) throws Exception {
        measure(vertx, customers, ZOHO_CONCURRENCY, report);
        measure(vertx, customers, CONCURRENCY, report);
    }

    /** One drain section: the service calls Zoho at most {@code atOnce} at a time, the baseline as many at once. */
    private static void measure(Vertx vertx, int customers, int atOnce, List<String> report) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        double[] baseline = new double[3];
        double[] drained = new double[3];
        // CPU per customer: this process's (the sandbox, the client or the service) and PostgreSQL's
        double[][] baselineCpu = new double[2][3];
        double[][] drainedCpu = new double[2][3];
        // alternate the two, so that a noisy neighbour weighs on both alike; each round on an empty organization, so
        // that no round lists or searches what an earlier one created; rounds -2 and -1 warm the JIT up and are not
        // counted (the baseline's, short, sends four times as many creates in them)
        for (int r = -2; r < 3; r++) {
            int round = r;
            int n = customers;
            int directs = r < 0 ? 4 * customers : customers;
            ZohoSandbox zoho = unthrottled(vertx);
            WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(atOnce));
            String token = http.postAbs(zoho.baseUrl() + "/oauth/v2/token")
                    .addQueryParam("grant_type", "refresh_token")
                    .addQueryParam("client_id", SandboxOptions.DEMO_CLIENT_ID)
                    .addQueryParam("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                    .addQueryParam("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)
                    .send()
                    .await(30, TimeUnit.SECONDS)
                    .bodyAsJsonObject()
                    .getString("access_token");
            Cpu before = Cpu.now();
            double direct = rate(
                    directs,
                    i -> http.postAbs(zoho.baseUrl() + "/books/v3/contacts")
                            .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                            .putHeader("Authorization", "Zoho-oauthtoken " + token)
                            .sendJsonObject(new JsonObject()
                                    .put("contact_name", "Direct " + run + " " + round + " " + i)
                                    .put(
                                            "contact_persons",
                                            new JsonArray()
                                                    .add(new JsonObject()
                                                            .put("first_name", "D")
                                                            .put(
                                                                    "email",
                                                                    "direct-" + run + "-" + round + "-" + i
                                                                            + "@example.com")))));
            double[] directCpu = before.perOperation(directs);
            http.close();
            zoho.close().await(30, TimeUnit.SECONDS);
            Drained drain = drain(vertx, n, atOnce, "drain-" + run + "-" + r);
            if (r >= 0) {
                baseline[r] = direct;
                drained[r] = drain.rate();
                for (int side = 0; side < 2; side++) {
                    baselineCpu[side][r] = directCpu[side];
                    drainedCpu[side][r] = drain.cpu()[side];
                }
            }
        }
        double base = median(baseline);
        double drain = median(drained);
        report.add("## Drain (" + customers + " queued customers a round, sandbox without latency or limits, "
                + (atOnce == ZOHO_CONCURRENCY
                        ? atOnce + " calls at once: Zoho Books' own concurrency)"
                        : atOnce + " calls at once: Zoho's concurrency lifted too)"));
        report.add("");
        report.add("| what | customers/s | ratio to baseline |");
        report.add("|---|---|---|");
        report.add(row(
                "contact creations sent straight to the sandbox, " + atOnce + " connections (baseline)", base, 1.0));
        report.add(row("queued → worker → synced (every Zoho call the flow makes)", drain, drain / base));
        report.add("");
        report.add(String.format(
                Locale.ROOT,
                "Rounds: baseline %s, drain %s customers/s.",
                Arrays.toString(round(baseline)),
                Arrays.toString(round(drained))));
        report.add("");
        if (!Double.isNaN(median(drainedCpu[1]))) {
            int cores = Runtime.getRuntime().availableProcessors();
            double direct = median(baselineCpu[0]) + median(baselineCpu[1]);
            double pipeline = median(drainedCpu[0]) + median(drainedCpu[1]);
            report.add("CPU per customer (user + system, from /proc, medians), and the rate it bounds on " + cores
                    + " cores, waiting aside:");
            report.add("");
            report.add("| what | the benchmark's JVM | PostgreSQL | all | bound |");
            report.add("|---|---|---|---|---|");
            report.add(cpuRow(
                    "a contact created straight in the sandbox (client + sandbox)",
                    median(baselineCpu[0]),
                    median(baselineCpu[1]),
                    cores));
            report.add(cpuRow(
                    "a customer drained (service + sandbox, from the worker's readiness)",
                    median(drainedCpu[0]),
                    median(drainedCpu[1]),
                    cores));
            report.add("");
            report.add(String.format(
                    Locale.ROOT,
                    "A customer drained takes %.0f times the CPU of a direct create: on this machine goal 2 can"
                            + " reach at most %.2f × the baseline; the drain ran at %.0f %% of its own bound.",
                    pipeline / direct,
                    direct / pipeline,
                    100 * drain / (cores * 1000 / pipeline)));
            report.add("");
        }
    }

    private static String cpuRow(String what, double jvm, double db, int cores) {
        return String.format(
                Locale.ROOT,
                "| %s | %.3f ms | %.3f ms | %.3f ms | %.0f/s |",
                what,
                jvm,
                db,
                jvm + db,
                cores * 1000 / (jvm + db));
    }

    /** A reading of this process's and PostgreSQL's CPU time. */
    private record Cpu(Optional<Long> self, Optional<Long> postgres) {
        static Cpu now() {
            return new Cpu(CpuTime.of(ProcessHandle.current().pid()), CpuTime.postgres());
        }

        /** Milliseconds per operation since this reading: this process's, PostgreSQL's (NaN where unknown). */
        double[] perOperation(int operations) {
            Cpu after = now();
            return new double[] {
                ms(self, after.self, operations), ms(postgres, after.postgres, operations),
            };
        }

        private static double ms(Optional<Long> before, Optional<Long> after, int operations) {
            return before.isPresent() && after.isPresent()
                    ? (after.get() - before.get()) * CpuTime.MS_PER_TICK / operations
                    : Double.NaN;
        }
    }

    /** A drain's rate, and its CPU per customer: this process's and PostgreSQL's. */
    private record Drained(double rate, double[] cpu) {}

    /** A sandbox organization without latency or limits, and empty. */
    static ZohoSandbox unthrottled(Vertx vertx) throws Exception {
        return ZohoSandbox.start(
                        vertx,
                        SandboxOptions.defaults()
                                .withBooksPerMinute(1_000_000)
                                .withDailyLimit(1_000_000)
                                .withConcurrency(1_000))
                .await(30, TimeUnit.SECONDS);
    }

    /** Posts {@code customers} new customers to {@code intake} (a service with sync off), then stops it. */
    static void queue(Vertx vertx, ZohoSyncApp intake, int customers, String prefix) throws Exception {
        WebClient http = client(vertx, intake);
        rate(
                customers,
                i -> http.post("/api/v1/customers")
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(new JsonObject()
                                .put("id", prefix + "-" + i)
                                .put("first_name", "Bench")
                                .put("last_name", prefix + "-" + i)
                                .put("email", prefix + "-" + i + "@example.com")));
        http.close();
        intake.stop().await(30, TimeUnit.SECONDS);
    }

    /** Queues {@code customers} with sync off, then times a service with sync on until none is open. */
    private static Drained drain(Vertx vertx, int customers, int atOnce, String prefix) throws Exception {
        ZohoSandbox zoho = unthrottled(vertx);
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        ZohoSyncApp intake = start(vertx, zoho, db, false, atOnce);
        queue(vertx, intake, customers, prefix);
        ZohoSyncApp worker = start(vertx, zoho, db, true, atOnce);
        // timed from the service's readiness, so that its start-up is not taken for the drain's work; the customers
        // it synced while starting are left out of the count
        long started = System.nanoTime();
        Cpu before = Cpu.now();
        WebClient admin = client(vertx, worker);
        long early = synced(admin);
        awaitAllSynced(admin, customers);
        double rate = (customers - early) / ((System.nanoTime() - started) / 1e9);
        double[] cpu = before.perOperation((int) (customers - early));
        admin.close();
        worker.stop().await(30, TimeUnit.SECONDS);
        zoho.close().await(30, TimeUnit.SECONDS);
        return new Drained(rate, cpu);
    }

    /**
     * Waits until {@code expected} customers are synced and none is open, looking every 50 ms: the status counts every
     * record, and looking more often would add that count's CPU to the drain's own.
     */
    private static void awaitAllSynced(WebClient http, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject counts = customerCounts(http);
            long open = counts.getLong("pending", 0L) + counts.getLong("syncing", 0L) + counts.getLong("retrying", 0L);
            if (open == 0 && counts.getLong("synced", 0L) >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(expected + " customers did not all sync within 5 minutes");
    }

    private static long synced(WebClient http) throws Exception {
        return customerCounts(http).getLong("synced", 0L);
    }

    private static JsonObject customerCounts(WebClient http) throws Exception {
        return http.get("/admin/api/sync/status?limit=0")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .send()
                .await(30, TimeUnit.SECONDS)
                .bodyAsJsonObject()
                .getJsonObject("counts")
                .getJsonObject("customer", new JsonObject());
    }

    /** A service on {@code db} calling {@code zoho} at most {@code atOnce} at a time, claiming as many jobs a pass. */
    private static ZohoSyncApp start(Vertx vertx, ZohoSandbox zoho, DatabaseSettings db, boolean sync, int atOnce)
            throws Exception {
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(), zoho.baseUrl(), db, Files.createTempDirectory("zsync-bench"));
        env.put("ZSYNC_ENABLE_SYNC", Boolean.toString(sync));
        env.put("ZSYNC_WORKER_BATCH", Integer.toString(atOnce));
        env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", "1000000");
        env.put("ZSYNC_BOOKS_CALLS_PER_DAY", "1000000");
        env.put("ZSYNC_BOOKS_CONCURRENCY", Integer.toString(atOnce));
        return ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
    }

    static WebClient client(Vertx vertx, ZohoSyncApp app) {
        return WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()),
                new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    }

    /** Sends {@code n} requests, {@link #CONCURRENCY} at a time; requests per second. Any non-2xx answer aborts. */
    static double rate(int n, IntFunction<Future<HttpResponse<Buffer>>> request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < CONCURRENCY; lane++) {
            lanes.add(lane(next, n, request));
        }
        Future.all(lanes).await(10, TimeUnit.MINUTES);
        return n / ((System.nanoTime() - started) / 1e9);
    }

    private static Future<Void> lane(AtomicInteger next, int n, IntFunction<Future<HttpResponse<Buffer>>> request) {
        int i = next.getAndIncrement();
        if (i >= n) {
            return Future.succeededFuture();
        }
        return request.apply(i)
                .compose(response -> response.statusCode() / 100 == 2
                        ? lane(next, n, request)
                        : Future.failedFuture("HTTP " + response.statusCode() + ": " + response.bodyAsString()));
    }

    static double median(double[] rounds) {
        double[] sorted = rounds.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static String row(String what, double value, double ratio) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.2f |", what, value, ratio);
    }
}
