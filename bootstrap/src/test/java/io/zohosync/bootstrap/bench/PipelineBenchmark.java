package io.zohosync.bootstrap.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
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
 *   <li>ingest: {@code POST /api/v1/customers} (validate, one transaction with the job) against
 *       {@code GET /health/live} (the HTTP stack doing nothing) on the same server and client;</li>
 *   <li>drain: queued customers to {@code synced} through the worker, against the same number of
 *       contact creations sent straight to the sandbox (the Zoho calls alone) ({@link DrainBench});</li>
 *   <li>Zoho calls per paid enrollment, by kind, against the hand-written integration's four ({@link EnrollmentCalls}).</li>
 *   <li>Zoho calls per stock change: 1,000 changes to 10 items ({@link StockCalls}).</li>
 *   <li>Zoho CRM calls per CRM contact, 1,000 registrations a round ({@link CrmContactCalls}).</li>
 * </ol>
 * Writes {@code bootstrap/target/bench-report.md}.
 */
public final class PipelineBenchmark {

    private static final int CONCURRENCY = 32;

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 3000);
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
            String only = System.getProperty("bench.only", ""); // e.g. -Dbench.only=drain runs that section alone
            if (only.isEmpty()) {
                ingest(vertx, requests, report);
            }
            if (only.isEmpty() || only.equals("drain")) { // queued customers → synced, against direct creates
                DrainBench.measure(vertx, customers, report);
            }
            if (only.isEmpty()) {
                EnrollmentCalls.measure(vertx, report);
                StockCalls.measure(vertx, report);
                CrmContactCalls.measure(vertx, report);
            }
            Path out = Path.of(System.getProperty("bench.report", "bench-report.md"));
            Files.write(out, report);
            report.forEach(PipelineBenchmark::print);
            print("report written to " + out.toAbsolutePath());
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static void ingest(Vertx vertx, int requests, List<String> report) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        ZohoSyncApp app = start(vertx, zoho, false);
        WebClient http = client(vertx, app);
        String run = UUID.randomUUID().toString().substring(0, 8);
        IntFunction<HttpRequest<Buffer>> live = i -> http.get("/health/live");
        IntFunction<Future<HttpResponse<Buffer>>> post = i -> http.post("/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(customer("ingest-" + run + "-" + i));
        rate(requests / 3, i -> live.apply(i).send());
        rate(
                requests / 3,
                i -> http.post("/api/v1/customers")
                        .bearerTokenAuthentication(TestEnvironment.API_KEY)
                        .sendJsonObject(customer("warm-" + run + "-" + i)));
        double baseline = median(() -> rate(requests, i -> live.apply(i).send()));
        AtomicInteger round = new AtomicInteger();
        double ingest = median(() -> {
            int r = round.incrementAndGet();
            return rate(requests, i -> post.apply(r * 1_000_000 + i));
        });
        report.add("## Ingest (" + requests + " requests a round, " + CONCURRENCY + " in flight)");
        report.add("");
        report.add("| what | requests/s | ratio to baseline |");
        report.add("|---|---|---|");
        report.add(row("GET /health/live (baseline)", baseline, 1.0));
        report.add(row("POST /api/v1/customers (stored + queued, sync off)", ingest, ingest / baseline));
        report.add("");
        app.stop().await(30, TimeUnit.SECONDS);
        zoho.close().await(30, TimeUnit.SECONDS);
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
