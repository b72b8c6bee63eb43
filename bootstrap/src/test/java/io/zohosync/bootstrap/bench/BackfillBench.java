package io.zohosync.bootstrap.bench;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.Main;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A backfill at Zoho's ceiling (issue 14, goal 4): {@code N} customers posted while sync is off, then the jar's own
 * {@code backfill} command (in this process, over the service's environment) against a sandbox that enforces Zoho
 * Books' limits — 100 calls a minute, 10 at once, 800 ms a call — sped up by a time scale {@code S}: the sandbox allows
 * {@code 100·S} calls a minute and answers in {@code 800/S} ms, the service is told the same limit. Zoho's ceiling is
 * then {@code N / 100} minutes of sandbox time (one call per customer); the goal is to finish within {@code N / 95}
 * with no 429 of any kind. Each figure is the median of 3 rounds, each on a fresh sandbox and database.
 */
public final class BackfillBench {

    private static final int ZOHO_PER_MINUTE = 100;
    private static final int ZOHO_CONCURRENCY = 10;
    private static final Duration ZOHO_LATENCY = Duration.ofMillis(800);

    private BackfillBench() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<String> report = new ArrayList<>();
            measure(vertx, report);
            report.forEach(System.out::println);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private record Round(double sandboxMinutes, int booksCalls, int tooMany, int exitCode) {}

    static void measure(Vertx vertx, List<String> report) throws Exception {
        int customers = Integer.getInteger("bench.backfillCustomers", 1000);
        int scale = Integer.getInteger("bench.backfillScale", 4);
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            rounds.add(round(
                    vertx,
                    customers,
                    scale,
                    "bf-" + UUID.randomUUID().toString().substring(0, 6)));
        }
        double[] minutes = rounds.stream().mapToDouble(Round::sandboxMinutes).toArray();
        double median = DrainBench.median(minutes);
        double ceiling = customers / (double) ZOHO_PER_MINUTE;
        double goal = customers / 95.0;
        report.add("## Backfill at Zoho's ceiling (" + customers + " customers a round; Zoho Books' limits of "
                + ZOHO_PER_MINUTE + " calls/min, " + ZOHO_CONCURRENCY + " at once, " + ZOHO_LATENCY.toMillis()
                + " ms a call, at time scale " + scale + ")");
        report.add("");
        report.add("| what | sandbox minutes | Zoho calls (Books) | 429 answers | ratio to Zoho's ceiling |");
        report.add("|---|---|---|---|---|");
        report.add(String.format(
                Locale.ROOT,
                "| Zoho's ceiling: one call per customer at %d a minute (baseline) | %.2f | %d | 0 | 1.00 |",
                ZOHO_PER_MINUTE,
                ceiling,
                customers));
        report.add(String.format(
                Locale.ROOT, "| the goal: 95 %% of the ceiling | %.2f | | 0 | %.2f |", goal, ceiling / goal));
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            report.add(String.format(
                    Locale.ROOT,
                    "| `zoho-sync backfill`, round %d (exit %d) | %.2f | %d | %d | %.2f |",
                    i + 1,
                    round.exitCode(),
                    round.sandboxMinutes(),
                    round.booksCalls(),
                    round.tooMany(),
                    ceiling / round.sandboxMinutes()));
        }
        report.add(String.format(Locale.ROOT, "| **median** | **%.2f** | | | **%.2f** |", median, ceiling / median));
        report.add("");
        report.add("Sandbox minutes = real seconds × " + scale + " / 60. A ratio above 1.00 comes from the first"
                + " minute, which starts with an empty window; the service counts a 62 s minute (Zoho's and a 2 s"
                + " margin), so its steady rate is at most 60/62 = 0.97 of Zoho's. Minutes from the start of the"
                + " command, the index of Zoho's contacts filled by the first job included, to its exit. Rounds: "
                + Arrays.toString(Arrays.stream(minutes)
                        .mapToObj(m -> String.format(Locale.ROOT, "%.2f", m))
                        .toArray()));
        report.add("");
    }

    private static Round round(Vertx vertx, int customers, int scale, String prefix) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(
                        vertx,
                        SandboxOptions.defaults()
                                .withBooksPerMinute(ZOHO_PER_MINUTE * scale)
                                .withConcurrency(ZOHO_CONCURRENCY)
                                .withLatency(ZOHO_LATENCY.dividedBy(scale))
                                .withDailyLimit(1_000_000))
                .await(30, TimeUnit.SECONDS);
        try {
            DatabaseSettings db = PostgresFixture.shared().newDatabase();
            Map<String, String> env = TestEnvironment.connectedTo(
                    zoho.baseUrl(), zoho.baseUrl(), db, Files.createTempDirectory("zsync-backfill"));
            env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", Integer.toString(ZOHO_PER_MINUTE * scale));
            env.put("ZSYNC_BOOKS_CALLS_PER_DAY", "1000000");
            env.put("ZSYNC_BOOKS_CONCURRENCY", Integer.toString(ZOHO_CONCURRENCY));
            env.put("ZSYNC_ENABLE_SYNC", "false");
            ZohoSyncApp intake = ZohoSyncApp.start(vertx, env).await(60, TimeUnit.SECONDS);
            DrainBench.queue(vertx, intake, customers, prefix);
            int callsBefore = booksCalls(zoho);
            long started = System.nanoTime();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            env.put("ZSYNC_ENABLE_SYNC", "true"); // the command syncs; the service it runs beside may keep sync off
            int exit = new CommandLine(new Main(env))
                    .setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err))
                    .execute("backfill");
            double seconds = (System.nanoTime() - started) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException("backfill exited " + exit + ": " + out + err);
            }
            return new Round(
                    seconds * scale / 60,
                    booksCalls(zoho) - callsBefore,
                    zoho.inspect().tooManyRequests(),
                    exit);
        } finally {
            zoho.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static int booksCalls(ZohoSandbox zoho) {
        return zoho.inspect().calls().entrySet().stream()
                .filter(e -> e.getKey().contains("/books/"))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }
}
