package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signed Stripe {@code payment_intent.succeeded} through HTTP, Postgres, the worker and the Books sandbox: it becomes
 * the Books customer payment (reference = the payment intent id) that pays the order's invoice; the same event
 * delivered again writes nothing more.
 */
@ExtendWith(VertxExtension.class)
class StripeWebhookEndToEndTest {

    private static final String SECRET = "whsec_end_to_end_secret";

    private static ZohoSandbox zoho;
    private static ZohoSyncApp app;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        zoho = await(ZohoSandbox.start(vertx, SandboxOptions.defaults()));
        Map<String, String> env = new HashMap<>(TestEnvironment.connectedTo(
                zoho.baseUrl(),
                zoho.baseUrl(),
                PostgresFixture.shared().newDatabase(),
                Files.createTempDirectory("zsync-stripe")));
        env.put("ZSYNC_STRIPE_WEBHOOK_SECRETS", "whsec_the_old_one," + SECRET);
        app = await(ZohoSyncApp.start(vertx, env));
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.httpPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        await(app.stop());
        await(zoho.close());
    }

    @Test
    void a_signed_payment_intent_pays_the_books_invoice_once_however_often_it_is_delivered() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "parent-" + suffix;
        String orderId = "ENR-" + suffix;
        String sku = "CLASS-" + suffix;
        String intent = "pi_" + suffix;
        await(put(
                "items",
                sku,
                new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR")));
        await(put("customers", customerId, customer(customerId)));
        await(put("orders", orderId, order(customerId, sku)));
        awaitStatus("orders", orderId, "synced");
        Map<String, Integer> before = zoho.inspect().calls();

        String event = "{\"id\":\"evt_" + suffix + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"" + intent
                + "\",\"object\":\"payment_intent\",\"amount\":50000,\"amount_received\":50000,\"currency\":\"zar\","
                + "\"metadata\":{\"customer_id\":\"" + customerId + "\",\"order_id\":\"" + orderId + "\"}}}}";

        HttpResponse<Buffer> first = await(webhook(event));
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
        JsonObject synced = awaitStatus("payments", intent, "synced");
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
        assertThat(callsSince(before, "POST /books/v3/customerpayments")).isEqualTo(1);
        assertThat(callsSince(before, "PUT /books/v3/customerpayments/{payment_id}"))
                .isZero();
        String metrics = await(http.get("/metrics").send()).bodyAsString();
        assertThat(metrics)
                .contains("zsync_stripe_events_total{outcome=\"created\",type=\"payment_intent.succeeded\"} 1.0")
                .contains("zsync_stripe_events_total{outcome=\"replayed\",type=\"payment_intent.succeeded\"} 1.0");
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

    private static int callsSince(Map<String, Integer> before, String endpoint) {
        return zoho.inspect().calls(endpoint) - before.getOrDefault(endpoint, 0);
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("email", id + "@example.com");
    }

    private static JsonObject order(String customerId, String sku) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("date", "2026-03-01")
                .put("currency", "ZAR")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", sku)
                                        .put("quantity", "2")
                                        .put("rate", "250.00")));
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

    private static Future<HttpResponse<Buffer>> put(String collection, String id, JsonObject body) {
        return http.put("/api/v1/" + collection + "/" + id)
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(body);
    }

    private static JsonObject awaitStatus(String collection, String id, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject sync = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(http.get("/api/v1/" + collection + "/" + id)
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .send());
            if (response.statusCode() == 200) {
                sync = response.bodyAsJsonObject().getJsonObject("sync");
                if (wanted.equals(sync.getString("status"))) {
                    return sync;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(collection + " " + id + " never reached " + wanted + "; last seen " + sync);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
