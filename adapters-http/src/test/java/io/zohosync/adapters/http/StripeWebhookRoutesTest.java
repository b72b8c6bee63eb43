package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.webhooks.StripeWebhookSettings;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Outcome;
import io.zohosync.ports.out.InboundEvents.Detail;
import io.zohosync.ports.out.InboundEvents.Kept;
import io.zohosync.ports.out.InboundEvents.Status;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /webhooks/stripe}: signatures computed here with the JDK's HMAC, as Stripe signs; events into the intake. */
@ExtendWith(VertxExtension.class)
class StripeWebhookRoutesTest {

    private static final String SECRET = "whsec_current_secret_for_tests";
    private static final String OLD_SECRET = "whsec_old_secret_being_rolled";

    private final StubRecordEntity entities = new StubRecordEntity();
    private final InMemoryInboundEvents inbound = new InMemoryInboundEvents();
    private final List<String> counted = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private WebClient http;

    @BeforeEach
    void start(Vertx vertx) {
        server = serve(vertx, Optional.of(new StripeWebhookSettings(List.of(SECRET, OLD_SECRET))));
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close().await();
    }

    private HttpServer serve(Vertx vertx, Optional<StripeWebhookSettings> stripe) {
        var endpoints = new HttpAdapters.Endpoints(
                entities,
                new StubSyncStatus(),
                new StubAdminSync(),
                new StubConnectZoho(),
                inbound,
                List.of(new Readiness("stub", () -> Future.succeededFuture(new JsonObject()))),
                () -> "",
                new StubConsole(),
                new StubConsole(),
                new StubReconcile(),
                null,
                null,
                null);
        return vertx.createHttpServer()
                .requestHandler(HttpAdapters.router(
                        vertx,
                        HttpFixture.settings(HttpFixture.BODY_LIMIT),
                        endpoints,
                        stripe,
                        (type, outcome) -> counted.add(type + "/" + outcome)))
                .listen(0)
                .await();
    }

    @Test
    void aSignedPaymentIntentBecomesAPaymentKeyedByTheEventId() {
        String body = paymentIntent("evt_1", "1999", "usd", "{\"customer_id\":\"c-1\",\"order_id\":\"o-1\"}");

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("created");
        Command command = entities.only();
        assertThat(command.type()).isEqualTo(EntityType.PAYMENT);
        assertThat(command.idempotencyKey()).isEqualTo("stripe/evt_1");
        assertThat(command.body())
                .containsEntry("id", "pi_123")
                .containsEntry("provider_payment_id", "pi_123")
                .containsEntry("amount", "19.99")
                .containsEntry("currency", "USD")
                .containsEntry("customer_id", "c-1")
                .containsEntry("invoice_id", "o-1")
                .containsEntry("method", "stripe")
                .containsEntry("date", "2026-11-30");
    }

    @Test
    void aZeroDecimalCurrencyIsTakenAsWholeUnits() {
        String body = paymentIntent("evt_2", "5000", "jpy", "{\"customer_id\":\"c-1\"}");

        assertThat(post(body, header(now(), SECRET, body)).statusCode()).isEqualTo(202);

        assertThat(entities.only().body()).containsEntry("amount", "5000").doesNotContainKey("invoice_id");
    }

    @Test
    void anEventDeliveredAgainAnswers200() {
        entities.answer = command -> Future.succeededFuture(StubRecordEntity.recorded(command, Outcome.REPLAYED));
        String body = paymentIntent("evt_1", "1999", "usd", "{\"customer_id\":\"c-1\"}");

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("replayed");
        assertThat(counted).containsExactly("payment_intent.succeeded/replayed");
    }

    @Test
    void aPaidCheckoutSessionIsThePaymentOfItsPaymentIntent() {
        String body = "{\"id\":\"evt_3\",\"type\":\"checkout.session.completed\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"payment_intent\":\"pi_9\","
                + "\"amount_total\":2500,\"currency\":\"inr\",\"metadata\":{\"customer_id\":\"p-7\",\"order_id\":\"e-7\"}}}}";

        assertThat(post(body, header(now(), SECRET, body)).statusCode()).isEqualTo(202);

        assertThat(entities.only().body())
                .containsEntry("id", "pi_9")
                .containsEntry("amount", "25.00")
                .containsEntry("invoice_id", "e-7");
    }

    @Test
    void aDelayedCheckoutPaymentThatSettlesIsThePaymentOfItsPaymentIntent() {
        String body = "{\"id\":\"evt_11\",\"type\":\"checkout.session.async_payment_succeeded\","
                + "\"created\":1796000000,\"data\":{\"object\":{\"id\":\"cs_3\",\"payment_status\":\"paid\","
                + "\"payment_intent\":\"pi_10\",\"amount_total\":1234,\"currency\":\"eur\","
                + "\"metadata\":{\"customer_id\":\"p-8\"}}}}";

        assertThat(post(body, header(now(), SECRET, body)).statusCode()).isEqualTo(202);

        assertThat(entities.only().body()).containsEntry("id", "pi_10").containsEntry("amount", "12.34");
    }

    @Test
    void anUnpaidCheckoutSessionAndOtherTypesAreIgnored() {
        String unpaid = "{\"id\":\"evt_4\",\"type\":\"checkout.session.completed\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"cs_2\",\"payment_status\":\"unpaid\"}}}";
        String other =
                "{\"id\":\"evt_5\",\"type\":\"customer.created\",\"created\":1796000000,\"data\":{\"object\":{}}}";

        for (String body : List.of(unpaid, other)) {
            HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("ignored");
        }
        assertThat(entities.commands).isEmpty();
        assertThat(counted).containsExactly("checkout.session.completed/ignored", "customer.created/ignored");
    }

    @Test
    void anEventNamingNoCustomerIsHeldUnmatchedOnceAndNotRecorded() {
        String body = paymentIntent("evt_6", "100", "usd", "{\"order_id\":\"o-6\",\"note\":\"walk-in\"}");

        HttpResponse<Buffer> first = post(body, header(now(), SECRET, body));
        HttpResponse<Buffer> again = post(body, header(now(), SECRET, body));

        for (HttpResponse<Buffer> response : List.of(first, again)) {
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
            assertThat(response.bodyAsJsonObject().getString("event")).isEqualTo("evt_6");
        }
        assertThat(entities.commands).isEmpty();
        assertThat(counted).containsExactly("payment_intent.succeeded/unmatched", "payment_intent.succeeded/unmatched");
        assertThat(inbound.size()).as("kept once").isEqualTo(1);
        Detail held = inbound.find(1).await().orElseThrow();
        assertThat(held.event().source()).isEqualTo("stripe");
        assertThat(held.event().eventId()).isEqualTo("evt_6");
        assertThat(held.event().type()).isEqualTo("payment_intent.succeeded");
        assertThat(held.event().status()).isEqualTo(Status.UNMATCHED);
        assertThat(held.event().reason()).contains("metadata key 'customer_id'");
        assertThat(held.event().amount()).isEqualByComparingTo("1.00");
        assertThat(held.event().currency()).isEqualTo("USD");
        assertThat(held.event().orderId()).isEqualTo("o-6");
        assertThat(held.event().metadata()).isEqualTo(Map.of("order_id", "o-6", "note", "walk-in"));
        assertThat(held.rawBody()).as("the verified body, as received").isEqualTo(body);
    }

    @Test
    void aFailedDelayedCheckoutPaymentIsHeldWithItsOrderAndNothingGoesToTheIntake() {
        String body = "{\"id\":\"evt_f1\",\"type\":\"checkout.session.async_payment_failed\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"cs_9\",\"payment_status\":\"unpaid\",\"payment_intent\":\"pi_f\","
                + "\"amount_total\":4200,\"currency\":\"eur\",\"metadata\":{\"customer_id\":\"p-1\",\"order_id\":\"o-9\"}}}}";

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("payment_failed");
        assertThat(entities.commands).isEmpty();
        assertThat(counted).containsExactly("checkout.session.async_payment_failed/payment_failed");
        Kept held = inbound.find(1).await().orElseThrow().event();
        assertThat(held.status()).isEqualTo(Status.FAILED_PAYMENT);
        assertThat(held.orderId()).isEqualTo("o-9");
        assertThat(held.customerId()).isEqualTo("p-1");
        assertThat(held.amount()).isEqualByComparingTo("42.00");
        assertThat(held.reason()).contains("cs_9");
    }

    @Test
    void aChargeRefundedIsOneRefundPerSucceededEntryKeyedByEventAndRefund() {
        String body = "{\"id\":\"evt_r1\",\"type\":\"charge.refunded\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":\"pi_7\","
                + "\"amount_refunded\":1500,\"currency\":\"usd\",\"refunds\":{\"object\":\"list\",\"data\":["
                + refund("re_1", "succeeded", 1000, "usd", "requested_by_customer") + ","
                + refund("re_2", "pending", 500, "usd", null) + "],\"has_more\":false}}}}";

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("created");
        assertThat(response.bodyAsJsonObject()
                        .getJsonArray("refunds")
                        .getJsonObject(0)
                        .getString("refund"))
                .isEqualTo("re_1");
        Command command = entities.only();
        assertThat(command.type()).isEqualTo(EntityType.REFUND);
        assertThat(command.idempotencyKey()).isEqualTo("stripe/evt_r1/re_1");
        assertThat(command.body())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "id", "re_1",
                        "payment_id", "pi_7",
                        "amount", "10.00",
                        "currency", "USD",
                        "date", "2026-11-29",
                        "reason", "requested_by_customer",
                        "provider_refund_id", "re_1"));
        assertThat(counted).containsExactly("charge.refunded/created");
    }

    @Test
    void aChargeRefundedWithoutItsRefundsListIsHeldAskingForTheRefundEvents() {
        String body = "{\"id\":\"evt_r2\",\"type\":\"charge.refunded\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"ch_2\",\"object\":\"charge\",\"payment_intent\":\"pi_8\","
                + "\"amount_refunded\":700,\"currency\":\"usd\",\"metadata\":{}}}}";

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
        assertThat(entities.commands).isEmpty();
        Kept held = inbound.find(1).await().orElseThrow().event();
        assertThat(held.status()).isEqualTo(Status.UNMATCHED);
        assertThat(held.reason()).contains("refund.created", "refund.updated");
        assertThat(held.amount()).isEqualByComparingTo("7.00");
    }

    @Test
    void theSameRefundThroughTwoEventTypesIsTheSameRecordWithTheSameBody() {
        String created = "{\"id\":\"evt_r3\",\"type\":\"refund.created\",\"created\":1796000100,"
                + "\"data\":{\"object\":" + refund("re_3", "succeeded", 250, "jpy", null) + "}}";
        String charge = "{\"id\":\"evt_r4\",\"type\":\"charge.refunded\",\"created\":1796000200,"
                + "\"data\":{\"object\":{\"id\":\"ch_3\",\"payment_intent\":\"pi_7\",\"currency\":\"jpy\","
                + "\"refunds\":{\"data\":[" + refund("re_3", "succeeded", 250, "jpy", null) + "]}}}}";

        assertThat(post(created, header(now(), SECRET, created)).statusCode()).isEqualTo(202);
        assertThat(post(charge, header(now(), SECRET, charge)).statusCode()).isEqualTo(202);

        assertThat(entities.commands).hasSize(2);
        assertThat(entities.commands.get(0).body())
                .isEqualTo(entities.commands.get(1).body());
        assertThat(entities.commands.get(0).body()).containsEntry("amount", "250");
        assertThat(entities.commands)
                .extracting(Command::idempotencyKey)
                .containsExactly("stripe/evt_r3/re_3", "stripe/evt_r4/re_3");
    }

    @Test
    void aRefundUpdateOfASucceededRefundIsARefundAndAPendingOneIsIgnored() {
        String succeeded = "{\"id\":\"evt_r5\",\"type\":\"charge.refund.updated\",\"created\":1796000000,"
                + "\"data\":{\"object\":" + refund("re_5", "succeeded", 5120, "kwd", "duplicate") + "}}";
        String pending = "{\"id\":\"evt_r6\",\"type\":\"refund.updated\",\"created\":1796000000,"
                + "\"data\":{\"object\":" + refund("re_6", "pending", 100, "usd", null) + "}}";

        assertThat(post(succeeded, header(now(), SECRET, succeeded)).statusCode())
                .isEqualTo(202);
        HttpResponse<Buffer> ignored = post(pending, header(now(), SECRET, pending));

        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.bodyAsJsonObject().getString("outcome")).isEqualTo("ignored");
        assertThat(entities.only().body())
                .containsEntry("amount", "5.120")
                .containsEntry("currency", "KWD")
                .containsEntry("reason", "duplicate");
        assertThat(counted).containsExactly("charge.refund.updated/created", "refund.updated/ignored");
    }

    @Test
    void aRefundNamingNoPaymentIntentIsHeld() {
        String body = "{\"id\":\"evt_r7\",\"type\":\"refund.created\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"re_7\",\"object\":\"refund\",\"status\":\"succeeded\","
                + "\"amount\":100,\"currency\":\"usd\",\"created\":1796000000,\"charge\":\"ch_legacy\"}}}";

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
        assertThat(entities.commands).isEmpty();
        assertThat(inbound.find(1).await().orElseThrow().event().reason()).contains("re_7", "payment intent");
    }

    @Test
    void stripesOwnDecimalsMoveTheAmountNotIsos() {
        String isk = paymentIntent("evt_i", "500", "isk", "{\"customer_id\":\"c\"}");
        String mga = paymentIntent("evt_m", "500", "mga", "{\"customer_id\":\"c\"}");

        post(isk, header(now(), SECRET, isk));
        post(mga, header(now(), SECRET, mga));

        assertThat(entities.commands.get(0).body()).containsEntry("amount", "5.00");
        assertThat(entities.commands.get(1).body()).containsEntry("amount", "500");
    }

    @Test
    void theOldSecretStillVerifiesDuringARotation() {
        String body = paymentIntent("evt_7", "100", "usd", "{\"customer_id\":\"c\"}");

        assertThat(post(body, header(now(), OLD_SECRET, body)).statusCode()).isEqualTo(202);
    }

    @Test
    void oneGoodSignatureAmongSeveralV1ValuesVerifies() {
        String body = paymentIntent("evt_8", "100", "usd", "{\"customer_id\":\"c\"}");
        long t = now();
        String wrong = sign(t, "whsec_someone_else", body);
        String right = sign(t, SECRET, body);

        assertThat(post(body, "t=" + t + ",v1=" + wrong + ",v1=" + right).statusCode())
                .isEqualTo(202);
    }

    @Test
    void aWrongSecretATamperedBodyAnExpiredTimeOrNoHeaderStoreNothing() {
        String body = paymentIntent("evt_9", "100", "usd", "{\"customer_id\":\"c\"}");
        String tampered = body.replace("\"amount\":100", "\"amount\":1");
        assertThat(tampered).isNotEqualTo(body);

        assertProblem(post(body, header(now(), "whsec_wrong", body)), 400, "invalid_signature");
        assertProblem(post(tampered, header(now(), SECRET, body)), 400, "invalid_signature");
        assertProblem(post(body, header(now() - 301, SECRET, body)), 400, "invalid_signature");
        assertProblem(post(body, null), 400, "invalid_signature");
        assertProblem(post(body, "v1=" + sign(now(), SECRET, body)), 400, "invalid_signature");
        assertProblem(post(body, "t=" + now()), 400, "invalid_signature");
        assertThat(entities.commands).isEmpty();
        assertThat(inbound.size()).isZero();
        assertThat(counted).as("nothing unverified is counted").isEmpty();
    }

    @Test
    void aSignatureWithinTheToleranceVerifies() {
        String body = paymentIntent("evt_10", "100", "usd", "{\"customer_id\":\"c\"}");

        assertThat(post(body, header(now() - 290, SECRET, body)).statusCode()).isEqualTo(202);
    }

    @Test
    void withoutSecretsTheRouteSaysItIsNotConfigured(Vertx vertx) {
        HttpServer bare = serve(vertx, Optional.empty());
        try {
            WebClient client = WebClient.create(
                    vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(bare.actualPort()));
            HttpResponse<Buffer> response = client.post("/webhooks/stripe")
                    .sendBuffer(Buffer.buffer("{}"))
                    .await();
            assertProblem(response, 404, "stripe_not_configured");
            client.close();
        } finally {
            bare.close().await();
        }
        assertThat(entities.commands).isEmpty();
    }

    private HttpResponse<Buffer> post(String body, String signature) {
        var request = http.post("/webhooks/stripe").putHeader("content-type", "application/json; charset=utf-8");
        if (signature != null) {
            request.putHeader("Stripe-Signature", signature);
        }
        return request.sendBuffer(Buffer.buffer(body)).await();
    }

    private static String paymentIntent(String eventId, String amount, String currency, String metadata) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":1796000000,\"data\":{\"object\":{\"id\":\"pi_123\",\"object\":\"payment_intent\","
                + "\"amount\":" + amount + ",\"amount_received\":" + amount + ",\"currency\":\"" + currency + "\","
                + "\"metadata\":" + metadata + "}}}";
    }

    private static String refund(String id, String status, long amount, String currency, String reason) {
        return "{\"id\":\"" + id + "\",\"object\":\"refund\",\"status\":\"" + status + "\",\"amount\":" + amount
                + ",\"currency\":\"" + currency + "\",\"created\":1795910400,\"payment_intent\":\"pi_7\","
                + "\"charge\":\"ch_1\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String header(long t, String secret, String body) {
        return "t=" + t + ",v1=" + sign(t, secret, body);
    }

    /** Stripe's scheme, computed independently of the verifier: hex HMAC-SHA256 of "t.body" keyed by the secret text. */
    private static String sign(long t, String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
