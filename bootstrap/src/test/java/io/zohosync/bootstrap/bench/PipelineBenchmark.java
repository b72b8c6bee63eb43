package io.zohosync.bootstrap.bench;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark harness ({@code ./mvnw -Pbench verify}): measures the service against baselines run in
 * the same process or script, so the report's ratios survive a noisy machine.
 * <ol>
 *   <li>ingest: {@code POST /api/v1/customers} against the packaged jar as a child process, next to pgbench's
 *       single-row insert rate, with p99 latency, RSS and time to ready ({@link IngestBench});</li>
 *   <li>drain: queued customers to {@code synced} through the worker, against the same number of
 *       contact creations sent straight to the sandbox (the Zoho calls alone) ({@link DrainBench});</li>
 *   <li>backfill: the {@code backfill} command against Zoho's limits, against Zoho's ceiling ({@link BackfillBench});</li>
 *   <li>Zoho calls per paid enrollment, by kind, against the hand-written integration's four ({@link EnrollmentCalls}).</li>
 *   <li>Zoho calls per stock change: 1,000 changes to 10 items ({@link StockCalls}).</li>
 *   <li>Zoho CRM calls per CRM contact, 1,000 registrations a round ({@link CrmContactCalls}).</li>
 *   <li>Zoho calls per entity — new customer, update, unchanged update, namesake, invoice, payment — against the
 *       hand-written integration's search + create ({@link CallsPerEntity}).</li>
 * </ol>
 * {@code -Dbench.only=ingest,drain} (section names: ingest, drain, backfill, enrollment, stock, crm, calls) runs those sections
 * alone. Writes {@code bootstrap/target/bench-report.md}.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("bench.customers", 1_500);
        String only = System.getProperty("bench.only", "");
        Set<String> sections = only.isBlank() ? Set.of() : Set.of(only.split(","));
        Vertx vertx = Vertx.vertx();
        try {
            List<String> report = new ArrayList<>();
            report.add("# zoho-sync benchmark");
            report.add("");
            report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", database: "
                    + PostgresFixture.shared().source()
                    + ". Figures are medians of 3 rounds; ratios compare runs in the same process or script.");
            report.add("");
            if (sections.isEmpty() || sections.contains("ingest")) {
                IngestBench.measure(vertx, report);
            }
            if (sections.isEmpty() || sections.contains("drain")) {
                DrainBench.measure(vertx, customers, report);
            }
            if (sections.isEmpty() || sections.contains("backfill")) {
                BackfillBench.measure(vertx, report);
            }
            if (sections.isEmpty() || sections.contains("enrollment")) {
                EnrollmentCalls.measure(vertx, report);
            }
            if (sections.isEmpty() || sections.contains("stock")) {
                StockCalls.measure(vertx, report);
            }
            if (sections.isEmpty() || sections.contains("crm")) {
                CrmContactCalls.measure(vertx, report);
            }
            if (sections.isEmpty() || sections.contains("calls")) {
                CallsPerEntity.measure(vertx, report);
            }
            Path out = Path.of(System.getProperty("bench.report", "bench-report.md"));
            Files.write(out, report);
            report.forEach(PipelineBenchmark::print);
            print("report written to " + out.toAbsolutePath());
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings("java:S106")
    private static void print(String line) {
        System.out.println(line);
    }
}
