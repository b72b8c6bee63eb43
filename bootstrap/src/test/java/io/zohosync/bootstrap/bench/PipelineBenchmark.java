package io.zohosync.bootstrap.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Benchmark harness ({@code ./mvnw -Pbench verify}): measures the service against baselines run in
 * the same process, so the report's ratios survive a noisy machine.
 * <ol>
 *   <li>ingest: {@code POST /api/v1/customers} against the packaged jar as a child process, next to pgbench's
 *       single-row insert rate, with p99 latency, RSS and time to ready ({@link IngestBench});</li>
 *   <li>sync: customers from POST to {@code synced} through the worker, against the same number of
 *       contact creations sent straight to the sandbox (the Zoho calls alone);</li>
 *   <li>Zoho calls per paid enrollment, by kind, against the hand-written integration's four ({@link EnrollmentCalls}).</li>
 *   <li>Zoho calls per stock change: 1,000 changes to 10 items ({@link StockCalls}).</li>
 *   <li>Zoho CRM calls per CRM contact, 1,000 registrations a round ({@link CrmContactCalls}).</li>
 *   <li>Zoho calls per entity — new customer, update, unchanged update, namesake, invoice, payment — against the
 *       hand-written integration's search + create ({@link CallsPerEntity}).</li>
 * </ol>
 * Writes {@code bootstrap/target/bench-report.md}.
 */
public final class PipelineBenchmark {

    private static final int CONCURRENCY = 32;

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("bench.customers", 400);
        Vertx vertx = Vertx.vertx();
        try {
            List<String> report = new ArrayList<>();
            report.add("# zoho-sync benchmark");
            report.add("");
            report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", database: "
                    + PostgresFixture.shared().source()
                    + ". Figures are medians of 3 rounds; ratios compare runs in the same process.");
            report.add("");
            IngestBench.measure(vertx, report);
            sync(vertx, customers, report);
            EnrollmentCalls.measure(vertx, report);
            StockCalls.measure(vertx, report);
            CrmContactCalls.measure(vertx, report);
            CallsPerEntity.measure(vertx, report);
            Path out = Path.of(System.getProperty("bench.report", "bench-report.md"));
            Files.write(out, report);
            report.forEach(PipelineBenchmark::print);
            print("report written to " + out.toAbsolutePath());
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static void sync(Vertx vertx, int customers, List<String> report) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(
                        vertx,
                        SandboxOptions.defaults()
                                .withBooksPerMinute(1_000_000)
                                .withDailyLimit(1_000_000)
                                .withConcurrency(1_000))
                .await(30, TimeUnit.SECONDS);
        WebClient direct = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(10));
        String token = direct.postAbs(zoho.baseUrl() + "/oauth/v2/token")
                .addQueryParam("grant_type", "refresh_token")
                .addQueryParam("client_id", SandboxOptions.DEMO_CLIENT_ID)
                .addQueryParam("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                .addQueryParam("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)
                .send()
                .await(30, TimeUnit.SECONDS)
                .bodyAsJsonObject()
                .getString("access_token");
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger round = new AtomicInteger();
        double baseline = median(() -> {
            int r = round.incrementAndGet();
            return rate(
                    customers,
                    i -> direct.postAbs(zoho.baseUrl() + "/books/v3/contacts")
                            .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                            .putHeader("Authorization", "Zoho-oauthtoken " + token)
                            .sendJsonObject(new JsonObject()
                                    .put("contact_name", "Direct " + run + " " + r + " " + i)
                                    .put(
                                            "contact_persons",
                                            new io.vertx.core.json.JsonArray()
                                                    .add(new JsonObject()
                                                            .put("first_name", "D")
                                                            .put(
                                                                    "email",
                                                                    "direct-" + run + "-" + r + "-" + i
                                                                            + "@example.com")))));
        });
        ZohoSyncApp app = start(vertx, zoho, true);
        WebClient http = client(vertx, app);
        double synced = median(() -> {
            int r = round.incrementAndGet();
            long started = System.nanoTime();
            rate(
                    customers,
                    i -> http.post("/api/v1/customers")
                            .bearerTokenAuthentication(TestEnvironment.API_KEY)
                            .sendJsonObject(customer("sync-" + run + "-" + r + "-" + i)));
            String last = "sync-" + run + "-" + r + "-" + (customers - 1);
            awaitAllSynced(http, last, customers);
            return customers / ((System.nanoTime() - started) / 1e9);
        });
        report.add("## Sync (" + customers + " customers a round, sandbox without latency or limits)");
        report.add("");
        report.add("| what | customers/s | ratio to baseline |");
        report.add("|---|---|---|");
        report.add(row("contact creations sent straight to the sandbox, 10 connections (baseline)", baseline, 1.0));
        report.add(row("POST → queue → worker (email search + create) → synced", synced, synced / baseline));
        report.add("");
        double zohoCeiling = 100.0 / 60 / 2;
        report.add(String.format(
                Locale.ROOT,
                "A new customer costs two Zoho calls (email search, create), so Zoho's own ceiling of 100 calls a minute"
                        + " per organization allows %.2f new customers/s: the pipeline sustains %.0f times that. Every call also takes and"
                        + " returns a permit of the API budget shared through Postgres (two short transactions on one counter row), which"
                        + " is what bounds the pipeline against the unthrottled sandbox.",
                zohoCeiling,
                synced / zohoCeiling));
        app.stop().await(30, TimeUnit.SECONDS);
        zoho.close().await(30, TimeUnit.SECONDS);
    }

    private static void awaitAllSynced(WebClient http, String lastId, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject status = http.get("/admin/api/sync/status?limit=0")
                    .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                    .send()
                    .await(30, TimeUnit.SECONDS)
                    .bodyAsJsonObject();
            JsonObject counts = status.getJsonObject("counts").getJsonObject("customer", new JsonObject());
            long open = counts.getLong("pending", 0L) + counts.getLong("syncing", 0L) + counts.getLong("retrying", 0L);
            if (open == 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("customers up to " + lastId + " did not all sync within 5 minutes");
    }

    private static ZohoSyncApp start(Vertx vertx, ZohoSandbox zoho, boolean sync) throws Exception {
        Map<String, String> env = TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-bench"));
        env.put("ZSYNC_ENABLE_SYNC", Boolean.toString(sync));
        env.put("ZSYNC_WORKER_BATCH", "10");
        env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", "1000000");
        env.put("ZSYNC_BOOKS_CALLS_PER_DAY", "1000000");
        env.put("ZSYNC_BOOKS_CONCURRENCY", "10");
        return ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
    }

    private static WebClient client(Vertx vertx, ZohoSyncApp app) {
        return WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()),
                new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    }

    /** Sends {@code n} requests, {@link #CONCURRENCY} at a time; requests per second. Any non-2xx answer aborts the run. */
    private static double rate(int n, IntFunction<Future<HttpResponse<Buffer>>> request) throws Exception {
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

    private interface Round {
        double run() throws Exception;
    }

    private static double median(Round round) throws Exception {
        double[] results = {round.run(), round.run(), round.run()};
        java.util.Arrays.sort(results);
        return results[1];
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Bench")
                .put("last_name", id)
                .put("email", id + "@example.com");
    }

    private static String row(String what, double value, double ratio) {
        return String.format(Locale.ROOT, "| %s | %.0f | %.2f |", what, value, ratio);
    }

    @SuppressWarnings("java:S106")
    private static void print(String line) {
        System.out.println(line);
    }
}
