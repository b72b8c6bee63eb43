package io.zohosync.bootstrap.reliability;

import static io.zohosync.bootstrap.reliability.Reliability.figure;
import static io.zohosync.bootstrap.reliability.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-registration sequence with the packaged jar killed (SIGKILL) between two Zoho writes. The jar talks to an
 * in-process sandbox through a {@link WriteGate}, with one Zoho call in flight at a time ({@code
 * ZSYNC_BOOKS_CONCURRENCY=1}). For each k = 1..4 a new registration is sent (parent, class, enrollment, Stripe's
 * {@code checkout.session.completed}) with the gate closed to writes (reads pass); once all four are acknowledged the
 * gate lets k writes through and closes behind the k-th; the moment the k-th write's answer has been relayed to the
 * jar, the jar is killed: it dies after Zoho answered write k and before write k+1 reached Zoho, usually before it
 * stored what Zoho answered (the figures say which). The writes it held are dropped, the gate opens and the jar
 * restarts on the same database. Afterwards Books holds one contact, one item, one paid invoice and one payment, each
 * created exactly once, and all four records are synced. VAT 15 % is set up in Books beforehand, so the four writes are
 * exactly those creations. Two lanes (k = 1, 2 and k = 3, 4), each with its own sandbox, database and jar, run side by
 * side to keep the suite short.
 */
class ClassRegistrationCrashIT {

    private static final String SUITE = "class registration crash";
    /** How long a registration may take to reach its kill point, or to converge after the restart (as CrashSuiteIT). */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final Map<Message, String> ENTITY_TYPES = Map.of(
            Message.CUSTOMER, "customer", Message.ITEM, "item", Message.ORDER, "invoice", Message.STRIPE, "payment");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @Test
    void killed_right_after_any_of_the_four_zoho_writes_the_registration_still_ends_paid_with_each_write_once(
            @TempDir Path dataDir) throws Exception {
        Instant started = Instant.now();
        Vertx vertx = Vertx.vertx();
        ExecutorService lanes = Executors.newFixedThreadPool(2);
        try {
            // two lanes, each with its own sandbox, gate, database and jar, so that their restarts overlap
            List<Future<Void>> running = List.of(
                    lanes.submit(() -> lane(vertx, dataDir.resolve("a"), List.of(1, 2))),
                    lanes.submit(() -> lane(vertx, dataDir.resolve("b"), List.of(3, 4))));
            for (Future<Void> lane : running) {
                try {
                    lane.get(5, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError failed ? failed : new AssertionError(e.getCause());
                }
            }
            figure(SUITE, "whole suite", seconds(Duration.between(started, Instant.now())));
        } finally {
            lanes.shutdownNow();
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** One registration per k in {@code kills}, each with the jar killed right after its k-th write was answered. */
    private Void lane(Vertx vertx, Path dataDir, List<Integer> kills) throws Exception {
        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        seedVat(zoho);
        // the parents are billed in ZAR, the enrollments' currency (Books invoices a contact only in its own)
        zoho.control().baseCurrency("ZAR");
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
        gate.shut();
        JarProcess jar = JarProcess.start(env);
        try {
            int port = jar.awaitUp(90);
            for (int k : kills) {
                ClassRegistration registration = ClassRegistration.of(
                        "k" + k + "-" + UUID.randomUUID().toString().substring(0, 8));
                Map<String, Integer> before = zoho.inspect().calls();
                gate.shut();
                deliverAll(port, registration);
                String killedAfter;
                try {
                    killedAfter = gate.openFor(k).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("k=" + k + ": write " + k + " was not answered within " + BOUND + "; "
                            + statuses(ledger, registration) + " " + ledger.progress() + "\njar:\n" + jar.tail());
                }
                jar.kill();
                gate.dropHeld();
                figure(
                        SUITE,
                        "k=" + k + " killed after",
                        killedAfter + " answered; stored at the kill: " + statuses(ledger, registration));
                assertThat(ClassRegistration.WRITES)
                        .as("the k-th write is one of the four creations")
                        .contains(killedAfter);
                gate.open();
                Instant restart = Instant.now();
                jar = JarProcess.start(env);
                port = jar.awaitUp(90);
                figure(SUITE, "k=" + k + " restart to 'up'", seconds(Duration.between(restart, Instant.now())));
                JarProcess running = jar;
                Duration took = Reliability.await(
                        BOUND,
                        "registration k=" + k + " synced",
                        () -> statuses(ledger, registration).values().stream().allMatch("synced"::equals),
                        () -> statuses(ledger, registration) + " " + ledger.progress() + "\njar:\n" + running.tail());
                figure(SUITE, "k=" + k + " synced after the restart", seconds(took));

                Map<Message, String> zohoIds = new EnumMap<>(Message.class);
                ENTITY_TYPES.forEach((message, type) -> zohoIds.put(
                        message,
                        ledger.records(type).get(registration.idOf(message)).zohoId()));
                registration.assertSettledIn(zoho.inspect(), zohoIds);
                ClassRegistration.assertEachWrittenOnce(
                        ClassRegistration.callsBetween(before, zoho.inspect().calls()));
            }
            return null;
        } finally {
            jar.kill();
            gate.close();
            zoho.close().await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Creates VAT 15 % in Books as the organization's own setup would, so that the four writes of each registration
     * are exactly the contact, the item, the invoice and the payment.
     */
    private void seedVat(ZohoSandbox zoho) throws Exception {
        HttpResponse<String> grant = send(HttpRequest.newBuilder(URI.create(zoho.baseUrl()
                        + "/oauth/v2/token?grant_type=refresh_token&client_id=" + SandboxOptions.DEMO_CLIENT_ID
                        + "&client_secret=" + SandboxOptions.DEMO_CLIENT_SECRET + "&refresh_token="
                        + SandboxOptions.DEMO_REFRESH_TOKEN))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        String token = new JsonObject(grant.body()).getString("access_token");
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(zoho.baseUrl()
                        + "/books/v3/settings/taxes?organization_id=" + SandboxOptions.DEMO_ORGANIZATION_ID))
                .header("Authorization", "Zoho-oauthtoken " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("tax_name", "VAT 15%")
                        .put("tax_percentage", 15)
                        .put("tax_type", "tax")
                        .encode()))
                .build());
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
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
