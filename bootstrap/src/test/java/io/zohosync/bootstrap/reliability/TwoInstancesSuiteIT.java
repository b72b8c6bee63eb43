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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one database and one sandbox, each with its own Vert.x, HTTP port and worker, the platform
 * posting to both. They share the budget: the sandbox, whose per-minute limit is the configured allowance, never
 * sees more calls in a minute than one instance may make, and answers no 429; no platform object gets two Zoho
 * objects. Short variant: 20 s of more demand than a minute's allowance (both instances claim work, the sandbox
 * sees at most the allowance); {@code -Preliability}: the same until every record is synced.
 */
class TwoInstancesSuiteIT {

    private static final String SUITE = "two instances";

    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void two_instances_on_one_database_share_the_budget_and_write_each_object_once(
            @TempDir Path dataA, @TempDir Path dataB) throws Exception {
        int perMinute = scaled(10, 30);
        List<String> customers = Fact.collidingCustomerIds(scaled(16, 24));
        List<String> skus = Fact.collidingSkus(scaled(4, 6));
        Vertx sandboxVertx = Vertx.vertx();
        ZohoSandbox zoho = await(ZohoSandbox.start(
                sandboxVertx,
                SandboxOptions.defaults().withLatency(Duration.ofMillis(20)).withBooksPerMinute(perMinute)));
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        List<Vertx> vertxes = List.of(Vertx.vertx(), Vertx.vertx());
        List<ZohoSyncApp> apps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> env =
                    TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, i == 0 ? dataA : dataB);
            env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", Integer.toString(perMinute));
            env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
            env.put("ZSYNC_RETRY_CAP_SECONDS", "5");
            apps.add(await(ZohoSyncApp.start(vertxes.get(i), env)));
        }
        ZohoObjects objects = new ZohoObjects(zoho.inspect());
        Ledger ledger = new Ledger(db);
        java.util.Set<String> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread watcher = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        workers.addAll(ledger.workersSyncingNow());
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "worker-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try (CallSampler sampler = new CallSampler(objects::booksCalls)) {
            Instant start = Instant.now();
            List<Fact> schedule = Poster.schedule(customers, skus, 4);
            List<Thread> platforms = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int lane = i;
                ZohoSyncApp app = apps.get(i);
                List<Fact> part = schedule.stream()
                        .filter(f -> Math.floorMod(f.id().hashCode(), 2) == lane)
                        .toList();
                Poster poster = new Poster(new Platform(TestEnvironment.API_KEY), app::httpPort);
                Thread thread = new Thread(
                        () -> {
                            poster.postAll(part, Duration.ofMillis(20), start.plus(Duration.ofMinutes(1)));
                            poster.assertEveryAcknowledgedFactStored(ledger);
                        },
                        "platform-" + i);
                thread.setUncaughtExceptionHandler((t, e) -> failures.add(t.getName() + ": " + e));
                thread.start();
                platforms.add(thread);
            }
            for (Thread platform : platforms) {
                platform.join(90_000);
                assertThat(platform.isAlive())
                        .as("%s still posting", platform.getName())
                        .isFalse();
            }
            assertThat(failures).as("what the platforms found").isEmpty();
            int records = customers.size() + skus.size();
            if (Reliability.longVariant()) {
                Reliability.await(
                        Duration.ofMinutes(10),
                        "every record synced",
                        () -> ledger.allSynced(records),
                        ledger::progress);
            } else {
                Reliability.sleep(Duration.between(Instant.now(), start.plus(Duration.ofSeconds(20))));
            }
            Duration observed = Duration.between(start, Instant.now());
            long synced = ledger.records("customer").values().stream()
                    .filter(r -> r.status().equals("synced"))
                    .count();

            figure(SUITE, "configured allowance per instance = sandbox limit", perMinute + " calls per minute");
            figure(SUITE, "records", records + ", observed for " + seconds(observed));
            watcher.interrupt();
            watcher.join(2_000);
            figure(SUITE, "workers seen holding records", workers.size());
            figure(SUITE, "Books calls", objects.booksCalls());
            figure(SUITE, "peak Books calls in any minute (both instances)", sampler.peakPerMinute());
            figure(SUITE, "429s from the sandbox", objects.tooManyRequests());
            figure(SUITE, "customers synced", synced + " of " + customers.size());

            assertThat(workers).as("both instances claimed work").hasSizeGreaterThanOrEqualTo(2);
            assertThat(objects.tooManyRequests()).as("429s from the sandbox").isZero();
            assertThat(sampler.peakPerMinute())
                    .as("Books calls in any minute, both instances together")
                    .isLessThanOrEqualTo(perMinute);
            assertThat(objects.booksCalls())
                    .as("the demand exceeds one minute's allowance, so sharing is what kept it")
                    .isGreaterThan(perMinute / 2);
            Map<String, Ledger.Row> rows = ledger.records("customer");
            for (String id : customers) {
                assertThat(objects.contactsOf(id))
                        .as("contacts of customer '%s'", id)
                        .hasSizeLessThanOrEqualTo(1);
                if (rows.get(id).status().equals("synced")) {
                    assertThat(objects.contactsOf(id).get(0).id())
                            .isEqualTo(rows.get(id).zohoId());
                }
            }
            if (Reliability.longVariant()) {
                objects.assertOneEach(customers, skus, ledger);
            }
        } finally {
            watcher.interrupt();
            for (int i = 0; i < 2; i++) {
                await(apps.get(i).stop());
                await(vertxes.get(i).close());
            }
            await(zoho.close());
            await(sandboxVertx.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }
}
