package io.zohosync.bootstrap.reliability;

import static io.zohosync.bootstrap.reliability.Reliability.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on its embedded PostgreSQL, as the README's first command runs it: the database is durable (fsync
 * and synchronous commit on), and SIGTERM in the middle of a Zoho call lets the service finish that call and record
 * it before the database stops. Its own shutdown hook used to stop the database at once, beside the service's stop:
 * the worker could then not record the call nor hand its jobs back, and the record stayed leased across a restart.
 */
class EmbeddedDatabaseIT {

    @Test
    void on_sigterm_mid_call_the_jar_records_the_call_before_its_embedded_database_stops(@TempDir Path dataDir)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults().withLatency(Duration.ofMillis(1500)))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), dataDir);
        Platform platform = new Platform(TestEnvironment.API_KEY);
        Fact customer = new Fact("customers", "embedded-1", 1);
        try (JarProcess jar = JarProcess.start(env)) {
            int port = jar.awaitUp(120);
            Ledger ledger = new Ledger(embedded(dataDir));
            assertThat(ledger.setting("fsync")).isEqualTo("on");
            assertThat(ledger.setting("synchronous_commit")).isEqualTo("on");

            assertThat(platform.post(port, customer).acknowledged()).isTrue();
            await(
                    Duration.ofSeconds(30),
                    "the customer's Zoho call under way",
                    () -> "syncing".equals(status(ledger, customer)),
                    () -> status(ledger, customer));

            assertThat(jar.terminate(60))
                    .as("the exit status of a death by SIGTERM")
                    .isEqualTo(143);
            List<String> output = jar.output();
            assertThat(output)
                    .as(jar.tail())
                    .anyMatch(line -> line.contains("stopped; 0 unfinished jobs handed back"))
                    .anyMatch(line -> line.contains("stopped cleanly"))
                    .noneMatch(line -> line.contains("could not"));

            try (JarProcess again = JarProcess.start(env)) {
                again.awaitUp(120);
                Ledger.Row row =
                        new Ledger(embedded(dataDir)).records("customer").get(customer.id());
                assertThat(row.status())
                        .as("recorded before the database stopped")
                        .isEqualTo("synced");
                assertThat(row.attempts()).isEqualTo(1);
                assertThat(zoho.inspect().recordsFor("zoho-sync:" + customer.id()))
                        .hasSize(1);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The embedded PostgreSQL the jar serves from {@code dataDir}, at the port its {@code postmaster.pid} gives. */
    private static DatabaseSettings embedded(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return new DatabaseSettings("localhost", Integer.parseInt(pid.get(3).strip()), "postgres", "postgres", "", 1);
    }

    private static String status(Ledger ledger, Fact fact) {
        Ledger.Row row = ledger.records("customer").get(fact.id());
        return row == null ? "none" : row.status();
    }
}
