package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.bootstrap.ClassRegistration.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The class-registration sequence end to end: a parent registers a child for a class and pays through Stripe
 * Checkout. The platform PUTs the parent, the class and the enrollment (one line, VAT 15 %), Stripe posts its signed
 * {@code checkout.session.completed}. In every arrival order (each message waits until the service has settled the
 * ones before it, so the worker really meets them in that order), and with every message delivered twice, Books ends
 * with one contact, one item, one paid invoice numbered with the enrollment id and one customer payment referenced by
 * the payment intent, every record synced, and each of the four creations sent to Zoho exactly once.
 */
@ExtendWith(VertxExtension.class)
class ClassRegistrationEndToEndTest {

    private static final Set<String> SETTLED = Set.of("synced", "waiting");

    private static RunningService service;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        // 27 registrations of about eight Zoho calls each within a minute or so: above Zoho's 100 calls a minute, which
        // the service would rightly wait for; both the sandbox's limit and the service's budget are raised
        service = RunningService.start(
                vertx,
                "class-registration",
                Map.of(
                        "ZSYNC_STRIPE_WEBHOOK_SECRETS", ClassRegistration.STRIPE_SECRET,
                        "ZSYNC_POLL_INTERVAL_MS", "25",
                        "ZSYNC_BOOKS_CALLS_PER_MINUTE", "100000",
                        "ZSYNC_BOOKS_CALLS_PER_DAY", "100000"));
        service.zoho.control().perMinuteLimit("books", 100_000).dailyLimit(100_000);
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    /** All 24 arrival orders, the natural one (customer, item, enrollment, Stripe) first. */
    static Stream<List<Message>> everyOrder() {
        return permutations(List.of(Message.values())).stream();
    }

    /** The natural order, Stripe first with the enrollment last, and everything backwards. */
    static Stream<List<Message>> someOrders() {
        return Stream.of(
                List.of(Message.CUSTOMER, Message.ITEM, Message.ORDER, Message.STRIPE),
                List.of(Message.STRIPE, Message.CUSTOMER, Message.ITEM, Message.ORDER),
                List.of(Message.STRIPE, Message.ORDER, Message.ITEM, Message.CUSTOMER));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("everyOrder")
    void in_any_arrival_order_the_enrollment_becomes_one_paid_invoice_and_each_zoho_write_happens_once(
            List<Message> arrival) throws Exception {
        ClassRegistration registration = ClassRegistration.of(suffix());
        Map<String, Integer> before = service.zoho.inspect().calls();

        List<Message> sent = new ArrayList<>();
        for (Message message : arrival) {
            HttpResponse<Buffer> answer = await(deliver(registration, message));
            assertThat(answer.statusCode())
                    .as("%s: %s", message, answer.bodyAsString())
                    .isEqualTo(202);
            sent.add(message);
            awaitSettled(registration, sent);
        }

        Map<Message, String> zohoIds = awaitAllSynced(registration);
        registration.assertSettledIn(service.zoho.inspect(), zohoIds);
        ClassRegistration.assertEachWrittenOnce(
                ClassRegistration.callsBetween(before, service.zoho.inspect().calls()));
        assertThat(service.zoho.inspect().calls("POST /books/v3/settings/taxes"))
                .as("VAT 15% created once for the whole run")
                .isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("someOrders")
    void every_message_delivered_twice_and_again_after_the_sync_still_writes_each_record_once(List<Message> arrival)
            throws Exception {
        ClassRegistration registration = ClassRegistration.of(suffix());
        Map<String, Integer> before = service.zoho.inspect().calls();

        for (Message message : arrival) {
            HttpResponse<Buffer> first = await(deliver(registration, message));
            HttpResponse<Buffer> second = await(deliver(registration, message));
            assertThat(first.statusCode())
                    .as("%s: %s", message, first.bodyAsString())
                    .isEqualTo(202);
            assertReplayed(message, second);
        }
        Map<Message, String> zohoIds = awaitAllSynced(registration);
        Map<String, Integer> calls =
                ClassRegistration.callsBetween(before, service.zoho.inspect().calls());

        for (Message message : arrival) {
            assertReplayed(message, await(deliver(registration, message)));
        }
        Thread.sleep(600); // six polls of the worker: anything queued by the late redeliveries would be written by now

        assertThat(awaitAllSynced(registration)).isEqualTo(zohoIds);
        registration.assertSettledIn(service.zoho.inspect(), zohoIds);
        assertThat(ClassRegistration.callsBetween(before, service.zoho.inspect().calls()))
                .as("no Zoho call at all for the late redeliveries")
                .isEqualTo(calls);
        ClassRegistration.assertEachWrittenOnce(calls);
    }

    private static void assertReplayed(Message message, HttpResponse<Buffer> answer) {
        assertThat(answer.statusCode())
                .as("%s again: %s", message, answer.bodyAsString())
                .isEqualTo(200);
        assertThat(answer.bodyAsJsonObject().getString("outcome")).isEqualTo("replayed");
    }

    /**
     * One delivery: the platform's PUT with its own Idempotency-Key (a retrying platform sends the same key), or
     * Stripe's event signed now (a redelivered event keeps its id and is signed afresh, as Stripe does).
     */
    private static io.vertx.core.Future<HttpResponse<Buffer>> deliver(ClassRegistration registration, Message message) {
        if (message == Message.STRIPE) {
            long now = Instant.now().getEpochSecond();
            String event = registration.stripeEvent();
            return service.http
                    .post("/webhooks/stripe")
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader(
                            "Stripe-Signature",
                            ClassRegistration.stripeSignature(now, ClassRegistration.STRIPE_SECRET, event))
                    .sendBuffer(Buffer.buffer(event));
        }
        String id = registration.idOf(message);
        return service.http
                .put("/api/v1/" + message.collection + "/" + id)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .putHeader("Idempotency-Key", "platform-" + message.collection + "-" + id)
                .sendJsonObject(registration.body(message));
    }

    /** Waits until every record sent so far is synced or waiting for a prerequisite: the worker has met it. */
    private static void awaitSettled(ClassRegistration registration, List<Message> sent) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<Message, String> statuses = statuses(registration, sent);
        while (!SETTLED.containsAll(statuses.values())) {
            assertThat(Instant.now()).as("settled: %s", statuses).isBefore(deadline);
            Thread.sleep(20);
            statuses = statuses(registration, sent);
        }
    }

    /** Waits until all four records are synced; their Zoho ids. */
    private static Map<Message, String> awaitAllSynced(ClassRegistration registration) throws Exception {
        Map<Message, String> zohoIds = new EnumMap<>(Message.class);
        for (Message message : Message.values()) {
            zohoIds.put(
                    message,
                    service.awaitStatus(message.collection, registration.idOf(message), "synced")
                            .getString("zoho_id"));
        }
        return zohoIds;
    }

    private static Map<Message, String> statuses(ClassRegistration registration, List<Message> messages)
            throws Exception {
        Map<Message, String> statuses = new EnumMap<>(Message.class);
        for (Message message : messages) {
            HttpResponse<Buffer> response = await(service.http
                    .get("/api/v1/" + message.collection + "/" + registration.idOf(message))
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .send());
            JsonObject sync = response.statusCode() == 200
                    ? response.bodyAsJsonObject().getJsonObject("sync")
                    : new JsonObject().put("status", "HTTP " + response.statusCode());
            statuses.put(message, sync.getString("status"));
        }
        return statuses;
    }

    private static List<List<Message>> permutations(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Message>> all = new ArrayList<>();
        for (Message first : messages) {
            List<Message> rest = messages.stream().filter(m -> m != first).collect(Collectors.toList());
            for (List<Message> tail : permutations(rest)) {
                List<Message> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
