package io.zohosync.bootstrap.reliability;

import static io.zohosync.bootstrap.reliability.Reliability.figure;
import static io.zohosync.bootstrap.reliability.Reliability.scaled;
import static io.zohosync.bootstrap.reliability.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash suite: the packaged jar against a sandbox with latency, killed with SIGKILL at random moments while
 * customers (ids colliding by prefix) and items are posted and synced. Every acknowledged fact is stored, every
 * record converges to synced within a bound after the last restart, and Zoho holds exactly one object per
 * platform object. Short variant: 4 kills; {@code -Preliability}: 40.
 */
class CrashSuiteIT {

    private static final String SUITE = "crash";

    @Test
    void the_jar_killed_at_random_moments_loses_nothing_acknowledged_writes_each_object_once_and_converges(
            @TempDir Path dataDir) throws Exception {
        int kills = scaled(4, 40);
        List<String> customers = Fact.collidingCustomerIds(scaled(14, 80));
        List<String> skus = Fact.collidingSkus(scaled(4, 20));
        List<Fact> schedule = Poster.schedule(customers, skus, 3);
        Duration pause = Duration.ofMillis(scaled(400, 2000));
        Duration convergenceBound = Duration.ofSeconds(scaled(60, 300));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        figure(SUITE, "seed", seed);

        Vertx vertx = Vertx.vertx();
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults().withLatency(Duration.ofMillis(40)))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, dataDir);
        env.put("ZSYNC_LEASE_SECONDS", "5");
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        env.put("ZSYNC_RETRY_CAP_SECONDS", "5");
        Ledger ledger = new Ledger(db);
        AtomicInteger port = new AtomicInteger();
        Poster poster = new Poster(new Platform(TestEnvironment.API_KEY), port::get);
        JarProcess jar = JarProcess.start(env);
        try {
            port.set(jar.awaitUp(90));
            Instant postingEnds = Instant.now().plus(Duration.ofMinutes(scaled(3, 10)));
            List<Thread> platforms = new ArrayList<>();
            for (int lane = 0; lane < 2; lane++) {
                int mine = lane;
                List<Fact> part = schedule.stream()
                        .filter(f -> Math.floorMod(f.id().hashCode(), 2) == mine)
                        .toList();
                Thread thread = new Thread(() -> poster.postAll(part, pause, postingEnds), "platform-" + lane);
                thread.start();
                platforms.add(thread);
            }

            Duration slowestRestart = Duration.ZERO;
            for (int kill = 1; kill <= kills; kill++) {
                Reliability.sleep(Duration.ofMillis(200 + random.nextInt(2300)));
                port.set(0);
                jar.kill();
                Instant restart = Instant.now();
                jar = JarProcess.start(env);
                port.set(jar.awaitUp(90));
                Duration took = Duration.between(restart, Instant.now());
                slowestRestart = took.compareTo(slowestRestart) > 0 ? took : slowestRestart;
            }
            Instant lastRestart = Instant.now();
            for (Thread platform : platforms) {
                platform.join(Duration.between(Instant.now(), postingEnds).toMillis() + 5_000);
                assertThat(platform.isAlive())
                        .as("%s still posting", platform.getName())
                        .isFalse();
            }
            Duration postingAfterLastRestart = Duration.between(lastRestart, Instant.now());
            int records = customers.size() + skus.size();
            Reliability.await(
                    convergenceBound, "every record synced", () -> ledger.allSynced(records), ledger::progress);
            Duration convergence = Duration.between(lastRestart, Instant.now());

            figure(SUITE, "kills (SIGKILL)", kills);
            figure(SUITE, "facts posted / acknowledged objects", schedule.size() + " / " + poster.acknowledgedCount());
            figure(SUITE, "slowest restart to 'up'", seconds(slowestRestart));
            figure(SUITE, "posting still going after the last restart", seconds(postingAfterLastRestart));
            figure(SUITE, "convergence after the last restart", seconds(convergence));
            figure(SUITE, "Books calls", new ZohoObjects(zoho.inspect()).booksCalls());

            assertThat(poster.acknowledgedCount()).as("objects acknowledged").isEqualTo(records);
            poster.assertEveryAcknowledgedFactStored(ledger);
            ZohoObjects objects = new ZohoObjects(zoho.inspect());
            objects.assertOneEach(customers, skus, ledger);
            Map<String, String> rates = ledger.stored("item", "rate");
            for (String sku : skus) {
                assertThat(new BigDecimal(objects.itemsOf(sku)
                                .get(0)
                                .body()
                                .getValue("rate")
                                .toString()))
                        .as("Zoho's rate of item '%s' is the stored one", sku)
                        .isEqualByComparingTo(new BigDecimal(rates.get(sku)));
            }
            figure(SUITE, "duplicates in Zoho", 0);
        } finally {
            port.set(0);
            jar.kill();
            zoho.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
