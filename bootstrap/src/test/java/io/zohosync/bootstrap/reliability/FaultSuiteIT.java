package io.zohosync.bootstrap.reliability;

import static io.zohosync.bootstrap.reliability.Reliability.figure;
import static io.zohosync.bootstrap.reliability.Reliability.scaled;
import static io.zohosync.bootstrap.reliability.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault suite: a sandbox failing 20 % of the calls (5xx and reset connections; timeouts too in the long variant)
 * whose per-minute limit is the service's configured allowance, which is tight. Every record syncs without an
 * admin, the sandbox never answers 429, and Zoho holds exactly one object per platform object.
 */
class FaultSuiteIT {

    private static final String SUITE = "fault";

    @Test
    void twenty_percent_faults_and_a_tight_minute_budget_sync_everything_without_an_admin_429_or_duplicate(
            @TempDir Path dataDir) throws Exception {
        int perMinute = scaled(20, 40);
        List<String> customers = Fact.collidingCustomerIds(scaled(6, 24));
        List<String> skus = Fact.collidingSkus(scaled(2, 8));
        Fault[] faults = Reliability.longVariant()
                ? new Fault[] {Fault.SERVER_ERROR, Fault.CONNECTION_RESET, Fault.TIMEOUT}
                : new Fault[] {Fault.SERVER_ERROR, Fault.CONNECTION_RESET};
        Vertx vertx = Vertx.vertx();
        ZohoSandbox zoho = await(ZohoSandbox.start(
                vertx,
                SandboxOptions.defaults()
                        .withLatency(Duration.ofMillis(20))
                        .withErrorRate(0.2, faults)
                        .withBooksPerMinute(perMinute)));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, dataDir);
        env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", Integer.toString(perMinute));
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        env.put("ZSYNC_RETRY_CAP_SECONDS", "5");
        ZohoSyncApp app = await(ZohoSyncApp.start(vertx, env));
        ZohoObjects objects = new ZohoObjects(zoho.inspect());
        Ledger ledger = new Ledger(db);
        try (CallSampler sampler = new CallSampler(objects::booksCalls)) {
            Instant start = Instant.now();
            Poster poster = new Poster(new Platform(TestEnvironment.API_KEY), app::httpPort);
            poster.postAll(
                    Poster.schedule(customers, skus, scaled(0, 4)),
                    Duration.ofMillis(20),
                    start.plus(Duration.ofMinutes(1)));
            int records = customers.size() + skus.size();
            // a timeout, not a bound under test: after a reset connection, acme's marker search reads every contact its
            // prefix matches (up to 8 calls an attempt, each failed 1 in 5, 20 a minute). Since a read that meets an
            // outage is asked once more: 1.5-130 s in about 20 runs here (before: 65-206 s, one stalled past 420 s)
            Reliability.await(
                    Duration.ofSeconds(scaled(300, 900)),
                    "every record synced",
                    () -> ledger.allSynced(records),
                    ledger::progress);
            Duration convergence = Duration.between(start, Instant.now());
            Map<String, Ledger.Row> rows = ledger.records("customer");
            rows.putAll(ledger.records("item"));

            figure(SUITE, "error rate / fault kinds", "20 % / " + List.of(faults));
            figure(SUITE, "records", records + " (" + customers.size() + " customers, " + skus.size() + " items)");
            figure(SUITE, "configured allowance = sandbox limit", perMinute + " calls per minute");
            figure(SUITE, "Books calls (faulted included)", objects.booksCalls());
            figure(SUITE, "peak Books calls in any minute", sampler.peakPerMinute());
            figure(SUITE, "429s from the sandbox", objects.tooManyRequests());
            figure(SUITE, "time to 100 % synced", seconds(convergence));
            figure(
                    SUITE,
                    "most attempts used by one record",
                    rows.values().stream().mapToInt(Ledger.Row::attempts).max().orElse(0));

            assertThat(ledger.statusCounts())
                    .as("no record failed or waits for an admin")
                    .allSatisfy((status, n) -> assertThat(status).endsWith("/synced"));
            assertThat(objects.tooManyRequests()).as("429s from the sandbox").isZero();
            assertThat(sampler.peakPerMinute()).as("Books calls in any minute").isLessThanOrEqualTo(perMinute);
            poster.assertEveryAcknowledgedFactStored(ledger);
            objects.assertOneEach(customers, skus, ledger);
        } finally {
            await(app.stop());
            await(zoho.close());
            await(vertx.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }
}
