package io.zohosync.adapters.http;

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
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.payment.PaymentMapping;
import io.zohosync.ports.flows.refund.RefundMapping;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stripe's events through the real intake (the payment and refund mappings over the in-memory store): what the
 * webhook and an admin's match build is what the entities accept, and one refund reached through two event types is
 * one record.
 */
@ExtendWith(VertxExtension.class)
class StripeIntakeTest {

    private static final String SECRET = "whsec_intake_test_secret";

    private final InMemorySyncStore store = new InMemorySyncStore();
    private final InMemoryInboundEvents inbound = new InMemoryInboundEvents();
    private HttpServer server;
    private WebClient http;

    @BeforeEach
    void start(Vertx vertx) {
        var intake = new IntakeService(
                store,
                List.of(new PaymentMapping(), new RefundMapping()),
                new Routing(Map.of(
                        EntityType.PAYMENT, List.of(SyncTarget.BOOKS), EntityType.REFUND, List.of(SyncTarget.BOOKS))),
                new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(7)),
                new MutableClock(Instant.parse("2026-11-29T00:00:00Z")));
        var status = new StubSyncStatus(); // the platform has sent customer c-5 and order o-5: a match may name them
        for (SyncKey sent : List.of(
                new SyncKey(EntityType.CUSTOMER, "c-5", SyncTarget.BOOKS),
                new SyncKey(EntityType.INVOICE, "o-5", SyncTarget.BOOKS))) {
            status.held.add(new SyncRecordView(
                    sent, SyncStatus.SYNCED, "4600", 1, "written to Zoho", null, null, StubSyncStatus.UPDATED));
        }
        var endpoints = new HttpAdapters.Endpoints(
                intake,
                status,
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
        server = vertx.createHttpServer()
                .requestHandler(HttpAdapters.router(
                        vertx,
                        HttpFixture.settings(HttpFixture.BODY_LIMIT),
                        endpoints,
                        Optional.of(new StripeWebhookSettings(List.of(SECRET))),
                        (type, outcome) -> {}))
                .listen(0)
                .await();
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
    }

    @AfterEach
    void stop() {
        http.close();
        server.close().await();
    }

    @Test
    void oneRefundThroughTwoEventTypesIsOneRecordTheSecondUnchanged() {
        String created = "{\"id\":\"evt_1\",\"type\":\"refund.created\",\"created\":1796000000,"
                + "\"data\":{\"object\":" + refund("re_1", 1000, "usd") + "}}";
        String charge = "{\"id\":\"evt_2\",\"type\":\"charge.refunded\",\"created\":1796000100,"
                + "\"data\":{\"object\":{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\",\"currency\":\"usd\","
                + "\"refunds\":{\"data\":[" + refund("re_1", 1000, "usd") + "]}}}}";

        HttpResponse<Buffer> first = post(created);
        HttpResponse<Buffer> second = post(charge);

        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
        assertThat(first.bodyAsJsonObject().getString("outcome")).isEqualTo("created");
        assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
        assertThat(second.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");
        Map<String, Object> stored = store.find(new EntityRef(EntityType.REFUND, "re_1"))
                .await()
                .orElseThrow()
                .payload();
        assertThat(stored)
                .containsEntry("payment_id", "pi_1")
                .containsEntry("currency", "USD")
                .containsEntry("date", "2026-11-29");
        assertThat(new java.math.BigDecimal(String.valueOf(stored.get("amount"))))
                .isEqualByComparingTo("10.00");
    }

    @Test
    void aThreeDecimalRefundAndATwoDecimalWrittenIskPaymentAreAccepted() {
        String kwd = "{\"id\":\"evt_3\",\"type\":\"refund.updated\",\"created\":1796000000," + "\"data\":{\"object\":"
                + refund("re_2", 5120, "kwd") + "}}";
        String isk = "{\"id\":\"evt_4\",\"type\":\"payment_intent.succeeded\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"pi_isk\",\"amount\":50000,\"currency\":\"isk\","
                + "\"metadata\":{\"customer_id\":\"c-1\"}}}}";

        assertThat(post(kwd).statusCode()).isEqualTo(202);
        HttpResponse<Buffer> payment = post(isk);

        assertThat(payment.statusCode()).as(payment.bodyAsString()).isEqualTo(202);
        Map<String, Object> stored = store.find(new EntityRef(EntityType.PAYMENT, "pi_isk"))
                .await()
                .orElseThrow()
                .payload();
        assertThat(new java.math.BigDecimal(String.valueOf(stored.get("amount"))))
                .isEqualByComparingTo("500");
    }

    @Test
    void aHeldPaymentMatchedByAnAdminIsRecordedOnceAndARedeliveryHoldsNothingNew() {
        String event = "{\"id\":\"evt_5\",\"type\":\"payment_intent.succeeded\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"pi_5\",\"amount\":2500,\"currency\":\"zar\",\"metadata\":{}}}}";
        assertThat(post(event).statusCode()).isEqualTo(202);

        HttpResponse<Buffer> matched = http.post("/admin/api/inbound-events/1/match")
                .bearerTokenAuthentication(HttpFixture.ADMIN_TOKEN)
                .sendJsonObject(new JsonObject().put("customer_id", "c-5").put("order_id", "o-5"))
                .await();
        HttpResponse<Buffer> redelivered = post(event);

        assertThat(matched.statusCode()).as(matched.bodyAsString()).isEqualTo(200);
        assertThat(matched.bodyAsJsonObject().getJsonObject("payment").getString("outcome"))
                .isEqualTo("created");
        assertThat(store.find(new EntityRef(EntityType.PAYMENT, "pi_5"))
                        .await()
                        .orElseThrow()
                        .payload())
                .containsEntry("customer_id", "c-5")
                .containsEntry("invoice_id", "o-5");
        assertThat(redelivered.statusCode()).isEqualTo(202);
        assertThat(redelivered.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
        assertThat(inbound.size()).isEqualTo(1);
    }

    private HttpResponse<Buffer> post(String body) {
        long t = Instant.now().getEpochSecond();
        return http.post("/webhooks/stripe")
                .putHeader("content-type", "application/json")
                .putHeader("Stripe-Signature", "t=" + t + ",v1=" + sign(t, body))
                .sendBuffer(Buffer.buffer(body))
                .await();
    }

    private static String refund(String id, long amount, String currency) {
        return "{\"id\":\"" + id + "\",\"object\":\"refund\",\"status\":\"succeeded\",\"amount\":" + amount
                + ",\"currency\":\"" + currency + "\",\"created\":1795910400,\"payment_intent\":\"pi_1\","
                + "\"reason\":\"requested_by_customer\"}";
    }

    private static String sign(long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
