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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
                List.of(new Readiness("stub", () -> Future.succeededFuture(new JsonObject()))),
                () -> "");
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
    void anEventNamingNoCustomerIsUnmatchedAndNotRecorded() {
        String body = paymentIntent("evt_6", "100", "usd", "{}");

        HttpResponse<Buffer> response = post(body, header(now(), SECRET, body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
        assertThat(entities.commands).isEmpty();
        assertThat(counted).containsExactly("payment_intent.succeeded/unmatched");
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
