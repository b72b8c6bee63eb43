package io.zohosync.bootstrap.reliability;

import static io.zohosync.bootstrap.reliability.Reliability.figure;
import static io.zohosync.bootstrap.reliability.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.ClassRegistration;
import io.zohosync.bootstrap.ClassRegistration.Message;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-registration sequence with the packaged jar killed (SIGKILL) between two Zoho writes. The jar talks to an
 * in-process sandbox through a {@link WriteGate}, with one Zoho call in flight at a time ({@code
 * ZSYNC_BOOKS_CONCURRENCY=1}). For each k = 1..4 a new registration is sent (parent, class, enrollment, Stripe's
 * {@code checkout.session.completed}) with the gate closed to writes; once all four are acknowledged the gate lets k
 * writes through and closes behind the k-th; the moment the k-th write's answer has been relayed to the jar, the jar
 * is killed, so it dies after Zoho answered write k and before write k+1 reached Zoho — usually before it stored what
 * Zoho answered. The writes it held are dropped, the gate opens and the jar restarts on the same database. Afterwards
 * Books holds one contact, one item, one paid invoice and one payment, each created exactly once, and every record is
 * synced. A first registration without a kill (k = 0) is the control, and creates the VAT 15 % tax, so that the four
 * writes of each later registration are exactly contact, item, invoice and payment.
 */
class ClassRegistrationCrashIT {

    private static final String SUITE = "class registration crash";
    private static final Map<Message, String> ENTITY_TYPES = Map.of(
            Message.CUSTOMER, "customer", Message.ITEM, "item", Message.ORDER, "invoice", Message.STRIPE, "payment");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @Test
    void killed_right_after_any_of_the_four_zoho_writes_the_registration_still_ends_paid_with_each_write_once(
            @TempDir Path dataDir) throws Exception {
        Vertx vertx = Vertx.vertx();
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        WriteGate gate = WriteGate.start(vertx, zoho.port());
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), gate.url(), db, dataDir);
        env.put("ZSYNC_STRIPE_WEBHOOK_SECRETS", ClassRegistration.STRIPE_SECRET);
        env.put("ZSYNC_BOOKS_CONCURRENCY", "1");
        env.put("ZSYNC_LEASE_SECONDS", "5");
        // the killed instance's Zoho slot (the only one) counts no more after three missed heartbeats: 3 s
        env.put("ZSYNC_PERMIT_HEARTBEAT_SECONDS", "1");
        env.put("ZSYNC_RETRY_BASE_SECONDS", "1");
        env.put("ZSYNC_RETRY_CAP_SECONDS", "2");
        Ledger ledger = new Ledger(db);
        Instant started = Instant.now();
        JarProcess jar = JarProcess.start(env);
        try {
            int port = jar.awaitUp(90);
            for (int k = 0; k <= ClassRegistration.WRITES.size(); k++) {
                ClassRegistration registration = ClassRegistration.of(
                        "k" + k + "-" + UUID.randomUUID().toString().substring(0, 8));
                Map<String, Integer> before = zoho.inspect().calls();
                if (k == 0) {
                    gate.open();
                } else {
                    gate.shut();
                }
                deliverAll(port, registration);
                if (k > 0) {
                    String killedAfter = gate.openFor(k).get(30, TimeUnit.SECONDS);
                    jar.kill();
                    gate.dropHeld();
                    figure(
                            SUITE,
                            "k=" + k + " killed after",
                            killedAfter + "; stored at the kill: " + statuses(ledger, registration));
                    gate.open();
                    Instant restart = Instant.now();
                    jar = JarProcess.start(env);
                    port = jar.awaitUp(90);
                    figure(SUITE, "k=" + k + " restart to 'up'", seconds(Duration.between(restart, Instant.now())));
                }
                Duration took = Reliability.await(
                        Duration.ofSeconds(30),
                        "registration k=" + k + " synced",
                        () -> statuses(ledger, registration).values().stream().allMatch("synced"::equals),
                        () -> statuses(ledger, registration) + " " + ledger.progress());
                figure(SUITE, "k=" + k + " synced after (re)start", seconds(took));

                Map<Message, String> zohoIds = new EnumMap<>(Message.class);
                ENTITY_TYPES.forEach((message, type) -> zohoIds.put(
                        message,
                        ledger.records(type).get(registration.idOf(message)).zohoId()));
                registration.assertSettledIn(zoho.inspect(), zohoIds);
                ClassRegistration.assertEachWrittenOnce(
                        ClassRegistration.callsBetween(before, zoho.inspect().calls()));
            }
            figure(SUITE, "whole suite", seconds(Duration.between(started, Instant.now())));
        } finally {
            jar.kill();
            gate.close();
            zoho.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** The registration's four records as stored, by message (absent ones as "none"). */
    private static Map<Message, String> statuses(Ledger ledger, ClassRegistration registration) {
        Map<Message, String> statuses = new EnumMap<>(Message.class);
        ENTITY_TYPES.forEach((message, type) -> {
            Ledger.Row row = ledger.records(type).get(registration.idOf(message));
            statuses.put(message, row == null ? "none" : row.status());
        });
        return statuses;
    }

    /** The platform's three PUTs and Stripe's signed event, each acknowledged before the next is sent. */
    private void deliverAll(int port, ClassRegistration registration) throws Exception {
        for (Message message : Message.values()) {
            HttpRequest request;
            if (message == Message.STRIPE) {
                long now = Instant.now().getEpochSecond();
                String event = registration.stripeEvent();
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/stripe"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header(
                                "Stripe-Signature",
                                ClassRegistration.stripeSignature(now, ClassRegistration.STRIPE_SECRET, event))
                        .POST(HttpRequest.BodyPublishers.ofString(event))
                        .build();
            } else {
                request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/" + message.collection
                                + "/" + registration.idOf(message)))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + TestEnvironment.API_KEY)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                registration.body(message).encode()))
                        .build();
            }
            HttpResponse<String> answer = send(request);
            assertThat(answer.statusCode()).as("%s: %s", message, answer.body()).isEqualTo(202);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
