package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signed Stripe {@code payment_intent.succeeded} through HTTP, Postgres, the worker and the Books sandbox: it becomes
 * the Books customer payment (reference = the payment intent id) that pays the order's invoice; the same event
 * delivered again writes nothing more. One naming no customer is held until an admin matches it, and then pays. A
 * refund reached through refund.created and charge.refunded is one Books credit note and its refund.
 */
@ExtendWith(VertxExtension.class)
class StripeWebhookEndToEndTest {

    private static final String SECRET = "whsec_end_to_end_secret";

    private static RunningService service;
    private static ZohoSandbox zoho;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        service = RunningService.start(
                vertx, "stripe", Map.of("ZSYNC_STRIPE_WEBHOOK_SECRETS", "whsec_the_old_one," + SECRET));
        zoho = service.zoho;
        http = service.http;
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void a_signed_payment_intent_pays_the_books_invoice_once_however_often_it_is_delivered() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "parent-" + suffix;
        String orderId = "ENR-" + suffix;
        String sku = "CLASS-" + suffix;
        String intent = "pi_" + suffix;
        await(service.put(
                "items",
                sku,
                new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR")));
        await(service.put("customers", customerId, customer(customerId)));
        await(service.put("orders", orderId, RunningService.order(customerId, sku)));
        service.awaitStatus("orders", orderId, "synced");
        Map<String, Integer> before = zoho.inspect().calls();

        String event = "{\"id\":\"evt_" + suffix + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"" + intent
                + "\",\"object\":\"payment_intent\",\"amount\":50000,\"amount_received\":50000,\"currency\":\"zar\","
                + "\"metadata\":{\"customer_id\":\"" + customerId + "\",\"order_id\":\"" + orderId + "\"}}}}";

        HttpResponse<Buffer> first = await(webhook(event));
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
        JsonObject synced = service.awaitStatus("payments", intent, "synced");
        assertThat(payments(intent)).singleElement().satisfies(p -> {
            assertThat(p.getString("payment_id")).isEqualTo(synced.getString("zoho_id"));
            assertThat(p.getString("reference_number")).isEqualTo(intent);
            assertThat(p.getDouble("amount")).isEqualTo(500.00);
        });
        assertThat(invoice(orderId).getString("status")).isEqualTo("paid");

        HttpResponse<Buffer> again = await(webhook(event));
        assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject().getString("outcome")).isEqualTo("replayed");
        Thread.sleep(500); // anything queued by mistake would be written by now
        assertThat(payments(intent)).hasSize(1);
        assertThat(service.callsSince(before, "POST /books/v3/customerpayments"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "PUT /books/v3/customerpayments/{payment_id}"))
                .isZero();
        String metrics = await(http.get("/metrics").send()).bodyAsString();
        assertThat(metrics)
                .contains("zsync_stripe_events_total{outcome=\"created\",type=\"payment_intent.succeeded\"} 1.0")
                .contains("zsync_stripe_events_total{outcome=\"replayed\",type=\"payment_intent.succeeded\"} 1.0");
    }

    @Test
    void an_event_naming_no_customer_is_held_and_an_admins_match_pays_the_books_invoice() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "parent-" + suffix;
        String orderId = "ENR-" + suffix;
        String sku = "CLASS-" + suffix;
        String intent = "pi_" + suffix;
        String eventId = "evt_u_" + suffix;
        await(service.put(
                "items",
                sku,
                new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR")));
        await(service.put("customers", customerId, customer(customerId)));
        await(service.put("orders", orderId, RunningService.order(customerId, sku)));
        service.awaitStatus("orders", orderId, "synced");
        String event = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"" + intent
                + "\",\"object\":\"payment_intent\",\"amount\":50000,\"amount_received\":50000,\"currency\":\"zar\","
                + "\"metadata\":{\"note\":\"paid at the desk\"}}}}";

        HttpResponse<Buffer> held = await(webhook(event));
        assertThat(held.statusCode()).as(held.bodyAsString()).isEqualTo(202);
        assertThat(held.bodyAsJsonObject().getString("outcome")).isEqualTo("unmatched");
        assertThat(await(webhook(event)).statusCode()).as("delivered again").isEqualTo(202);
        JsonArray listed = await(http.get("/admin/api/inbound-events?status=unmatched&source=stripe&limit=500")
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject()
                .getJsonArray("events");
        List<JsonObject> mine = listed.stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("event_id").equals(eventId))
                .toList();
        assertThat(mine).as("held once").hasSize(1);
        assertThat(mine.get(0).getString("amount")).isEqualTo("500.00");
        long id = mine.get(0).getLong("id");

        HttpResponse<Buffer> matched = await(http.post("/admin/api/inbound-events/" + id + "/match")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .sendJsonObject(new JsonObject().put("customer_id", customerId).put("order_id", orderId)));
        assertThat(matched.statusCode()).as(matched.bodyAsString()).isEqualTo(200);
        assertThat(matched.bodyAsJsonObject().getString("status")).isEqualTo("resolved");

        service.awaitStatus("payments", intent, "synced");
        assertThat(payments(intent))
                .singleElement()
                .satisfies(p -> assertThat(p.getDouble("amount")).isEqualTo(500.00));
        assertThat(invoice(orderId).getString("status")).isEqualTo("paid");
        HttpResponse<Buffer> again = await(http.post("/admin/api/inbound-events/" + id + "/match")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .sendJsonObject(new JsonObject().put("customer_id", customerId)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("inbound_event_resolved");
        String metrics = await(http.get("/metrics").send()).bodyAsString();
        assertThat(metrics)
                .contains("zsync_stripe_events_total{outcome=\"unmatched\",type=\"payment_intent.succeeded\"} 2.0");
    }

    @Test
    void a_stripe_refund_reached_through_two_event_types_is_one_books_credit_note_and_refund() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "parent-" + suffix;
        String orderId = "ENR-" + suffix;
        String sku = "CLASS-" + suffix;
        String intent = "pi_" + suffix;
        String refundId = "re_" + suffix;
        await(service.put(
                "items",
                sku,
                new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR")));
        await(service.put("customers", customerId, customer(customerId)));
        await(service.put("orders", orderId, RunningService.order(customerId, sku)));
        service.awaitStatus("orders", orderId, "synced");
        long now = Instant.now().getEpochSecond();
        String paid = "{\"id\":\"evt_p_" + suffix + "\",\"type\":\"payment_intent.succeeded\",\"created\":" + now
                + ",\"data\":{\"object\":{\"id\":\"" + intent + "\",\"amount\":50000,\"amount_received\":50000,"
                + "\"currency\":\"zar\",\"metadata\":{\"customer_id\":\"" + customerId + "\",\"order_id\":\""
                + orderId + "\"}}}}";
        assertThat(await(webhook(paid)).statusCode()).isEqualTo(202);
        service.awaitStatus("payments", intent, "synced");
        Map<String, Integer> before = zoho.inspect().calls();
        String refund = "{\"id\":\"" + refundId + "\",\"object\":\"refund\",\"status\":\"succeeded\",\"amount\":10000,"
                + "\"currency\":\"zar\",\"created\":" + now + ",\"payment_intent\":\"" + intent + "\","
                + "\"reason\":\"requested_by_customer\"}";
        String created = "{\"id\":\"evt_rc_" + suffix + "\",\"type\":\"refund.created\",\"created\":" + now
                + ",\"data\":{\"object\":" + refund + "}}";
        String charge = "{\"id\":\"evt_cr_" + suffix + "\",\"type\":\"charge.refunded\",\"created\":" + now
                + ",\"data\":{\"object\":{\"id\":\"ch_" + suffix + "\",\"payment_intent\":\"" + intent + "\","
                + "\"amount_refunded\":10000,\"currency\":\"zar\",\"refunds\":{\"data\":[" + refund + "]}}}}";

        HttpResponse<Buffer> first = await(webhook(created));
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
        service.awaitStatus("refunds", refundId, "synced");
        HttpResponse<Buffer> second = await(webhook(charge));
        assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
        assertThat(second.bodyAsJsonObject().getString("outcome")).isEqualTo("unchanged");

        Thread.sleep(300); // anything queued by mistake would be written by now
        assertThat(service.callsSince(before, "POST /books/v3/creditnotes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/creditnotes/{creditnote_id}/refunds"))
                .isEqualTo(1);
        List<JsonObject> notes = zoho.inspect().recordsFor(refundId).stream()
                .filter(r -> r.entity().equals("creditnotes"))
                .map(SandboxRecord::body)
                .toList();
        assertThat(notes)
                .singleElement()
                .satisfies(n -> assertThat(n.getDouble("total")).isEqualTo(100.00));
    }

    @Test
    void a_badly_signed_event_stores_nothing() throws Exception {
        String intent = "pi_bad_" + UUID.randomUUID().toString().substring(0, 8);
        String event = "{\"id\":\"evt_bad\",\"type\":\"payment_intent.succeeded\",\"created\":1796000000,"
                + "\"data\":{\"object\":{\"id\":\"" + intent + "\",\"amount\":100,\"currency\":\"zar\","
                + "\"metadata\":{\"customer_id\":\"c\"}}}}";
        long t = Instant.now().getEpochSecond();

        HttpResponse<Buffer> response = await(http.post("/webhooks/stripe")
                .putHeader("Stripe-Signature", "t=" + t + ",v1=" + sign(t, "whsec_not_ours", event))
                .sendBuffer(Buffer.buffer(event)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("invalid_signature");
        assertThat(await(http.get("/api/v1/payments/" + intent)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .send())
                        .statusCode())
                .isEqualTo(404);
    }

    private static Future<HttpResponse<Buffer>> webhook(String event) {
        long t = Instant.now().getEpochSecond();
        return http.post("/webhooks/stripe")
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("Stripe-Signature", "t=" + t + ",v1=" + sign(t, SECRET, event))
                .sendBuffer(Buffer.buffer(event));
    }

    private static String sign(long t, String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("email", id + "@example.com");
    }

    private static JsonObject invoice(String number) {
        return zoho.inspect().recordsFor(number).stream()
                .filter(r -> r.entity().equals("invoices"))
                .findFirst()
                .orElseThrow()
                .body();
    }

    private static List<JsonObject> payments(String reference) {
        return zoho.inspect().recordsFor(reference).stream()
                .filter(r -> r.entity().equals("customerpayments"))
                .map(SandboxRecord::body)
                .toList();
    }
}
