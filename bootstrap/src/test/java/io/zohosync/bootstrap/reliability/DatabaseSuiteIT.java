package io.zohosync.bootstrap.reliability;

import static io.zohosync.bootstrap.reliability.Reliability.figure;
import static io.zohosync.bootstrap.reliability.Reliability.scaled;
import static io.zohosync.bootstrap.reliability.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.bootstrap.ZohoSyncApp;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database suite: an embedded PostgreSQL stopped and started again while a platform posts customers. While it is
 * down the service answers 503 with Retry-After; every acknowledged customer is stored; intake resumes within
 * seconds of the restart and every record syncs; the sync log is not flooded meanwhile. Short variant: one outage
 * of 5 s; {@code -Preliability}: three of 20 s.
 */
class DatabaseSuiteIT {

    private static final String SUITE = "database";

    @Test
    void postgres_stopped_and_started_under_load_loses_nothing_acknowledged_and_work_resumes_within_seconds(
            @TempDir Path dataDir) throws Exception {
        int outages = scaled(1, 3);
        Duration outage = Duration.ofSeconds(scaled(5, 20));
        List<String> customers = IntStream.rangeClosed(1, scaled(120, 900))
                .mapToObj(i -> String.format("db-%04d", i))
                .toList();
        Path pgData = dataDir.resolve("pg");
        int pgPort = freePort();
        EmbeddedPostgres pg = startPostgres(pgData, pgPort);
        Vertx vertx = Vertx.vertx();
        // Zoho's limits are not under test here: room for the whole load in a minute, one call per customer
        ZohoSandbox zoho = await(ZohoSandbox.start(
                vertx, SandboxOptions.defaults().withBooksPerMinute(5_000).withDailyLimit(100_000)));
        DatabaseSettings db = new DatabaseSettings("localhost", pgPort, "postgres", "postgres", "", 10);
        Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, dataDir);
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        env.put("ZSYNC_RETRY_CAP_SECONDS", "5");
        env.put("ZSYNC_LEASE_SECONDS", "10");
        env.put("ZSYNC_BOOKS_CALLS_PER_MINUTE", "4000");
        env.put("ZSYNC_BOOKS_CALLS_PER_DAY", "90000");
        env.put("ZSYNC_LINK_NEW_BY_EMAIL", "false");
        ZohoSyncApp app = await(ZohoSyncApp.start(vertx, env));
        Ledger ledger = new Ledger(db);
        Poster poster = new Poster(new Platform(TestEnvironment.API_KEY), app::httpPort);
        List<Fact> schedule =
                customers.stream().map(id -> new Fact("customers", id, 1)).toList();
        Instant postingEnds = Instant.now().plus(Duration.ofMinutes(scaled(2, 8)));
        Thread platform =
                new Thread(() -> poster.postAll(schedule, Duration.ofMillis(scaled(40, 60)), postingEnds), "platform");
        try {
            platform.start();
            List<Instant[]> downs = new ArrayList<>();
            Instant firstStop = null;
            for (int i = 0; i < outages; i++) {
                Reliability.sleep(Duration.ofSeconds(scaled(2, 8)));
                Instant stop = Instant.now();
                firstStop = firstStop == null ? stop : firstStop;
                pg.close();
                Reliability.sleep(outage);
                Instant start = Instant.now();
                pg = startPostgres(pgData, pgPort);
                downs.add(new Instant[] {stop, start});
            }
            platform.join(Duration.between(Instant.now(), postingEnds).toMillis() + 5_000);
            assertThat(platform.isAlive()).as("the platform still posting").isFalse();
            Instant lastStart = downs.get(downs.size() - 1)[1];
            Reliability.await(
                    Duration.ofSeconds(scaled(60, 180)),
                    "every customer synced",
                    () -> ledger.allSynced(customers.size()),
                    ledger::progress);
            Duration convergence = Duration.between(lastStart, Instant.now());
            int logRows = ledger.logRowsSince(firstStop);

            List<Poster.Seen> seen = poster.seen();
            List<Poster.Seen> whileDown = new ArrayList<>();
            Duration slowestResume = Duration.ZERO;
            for (Instant[] down : downs) {
                Instant noticed = down[0].plusSeconds(1);
                seen.stream()
                        .filter(s -> s.at().isAfter(noticed) && s.at().isBefore(down[1]))
                        .forEach(whileDown::add);
                Instant resumed = seen.stream()
                        .filter(s -> s.at().isAfter(down[1]) && s.answer().acknowledged())
                        .map(Poster.Seen::at)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("nothing acknowledged after the database came back"));
                Duration took = Duration.between(down[1], resumed);
                slowestResume = took.compareTo(slowestResume) > 0 ? took : slowestResume;
            }
            figure(SUITE, "outages", outages + " x " + seconds(outage));
            figure(SUITE, "customers acknowledged", poster.acknowledgedCount() + " of " + customers.size());
            figure(SUITE, "answers while down", summary(whileDown));
            figure(SUITE, "first acknowledgement after a restart (slowest)", seconds(slowestResume));
            figure(SUITE, "convergence after the last restart", seconds(convergence));
            figure(
                    SUITE,
                    "sync_log rows from the first outage on",
                    logRows + " for " + customers.size() + " customers");

            assertThat(poster.acknowledgedCount()).as("customers acknowledged").isEqualTo(customers.size());
            poster.assertEveryAcknowledgedFactStored(ledger);
            assertThat(slowestResume).as("intake resumes within seconds").isLessThan(Duration.ofSeconds(10));
            assertThat(logRows)
                    .as("sync_log rows from the first outage on: a few per customer, no flood")
                    .isLessThanOrEqualTo(6 * customers.size() + 200);
            assertThat(whileDown).as("answers while the database was down").isNotEmpty();
            assertThat(whileDown)
                    .as("while the database is down every request is answered 503 with Retry-After")
                    .allSatisfy(s -> {
                        assertThat(s.answer().status()).as(s.answer().body()).isEqualTo(503);
                        assertThat(s.answer().retryAfter()).isPresent();
                        assertThat(s.answer().body()).contains("database_unavailable");
                    });
        } finally {
            platform.interrupt();
            await(app.stop());
            await(zoho.close());
            await(vertx.close());
            pg.close();
        }
    }

    private static String summary(List<Poster.Seen> answers) {
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        answers.forEach(s -> byStatus.merge(
                s.answer().status() + (s.answer().retryAfter().isPresent() ? " with Retry-After" : ""), 1L, Long::sum));
        return byStatus.toString();
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }
}
