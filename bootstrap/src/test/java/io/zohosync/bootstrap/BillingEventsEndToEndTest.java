package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.out.PlatformOutbox.Page;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.billing.BillingUi;
import io.zohosync.sandbox.core.WebhookAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Billing → platform end to end (issue 10, items 7–9): the sandbox's signed Billing webhooks reach
 * {@code POST /webhooks/zoho-billing} over real HTTP; each event is mirrored on its record and published, delivered to a
 * local receiver as a Standard Webhook it verifies, in order per subscription; a repeat does nothing; a bad signature
 * stores nothing; an unknown object is held; an event whose webhook was lost is applied by the events poll, once.
 *
 * <p>The platform ↔ Zoho mapping (sync_records, target billing) is seeded directly: the subscription flow that makes it
 * is another helper's (billing-sub) and not on this branch.
 */
@ExtendWith(VertxExtension.class)
class BillingEventsEndToEndTest {

    private static final String PLATFORM_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ZOHO_SECRET = "billingSecret0123456789";

    private record Received(String id, String timestamp, String signature, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private Vertx vertx;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int failFirst;

    private RunningService service;
    private PostgresAdapters platformSide;
    private WebClient zohoApi;
    private String token;
    private BillingUi ui;
    private String zohoCustomer;
    private String zohoSubscription;
    private String zohoInvoice;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        receiver = await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Received r = new Received(
                            req.getHeader("webhook-id"),
                            req.getHeader("webhook-timestamp"),
                            req.getHeader("webhook-signature"),
                            body.toString());
                    if (failFirst > 0) {
                        failFirst--;
                        req.response().setStatusCode(503).end();
                        return;
                    }
                    received.add(r);
                    req.response().setStatusCode(204).end();
                }))
                .listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (platformSide != null) {
            await(platformSide.close());
        }
        if (service != null) {
            service.stop();
        }
    }

    /** The service, a Billing customer and subscription mapped to c-1 and svc-1, and Billing's webhook pointed at it. */
    private void startService(String pollEvery) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "ZSYNC_PLATFORM_WEBHOOK_URL",
                "http://127.0.0.1:" + receiver.actualPort() + "/platform",
                "ZSYNC_PLATFORM_WEBHOOK_SECRET",
                PLATFORM_SECRET,
                "ZSYNC_OUTBOX_POLL_MS",
                "50",
                "ZSYNC_OUTBOX_BACKOFF",
                "200ms,200ms,200ms",
                "ZSYNC_ZOHO_BILLING_WEBHOOK_SECRET",
                ZOHO_SECRET,
                "ZSYNC_BILLING_EVENTS_POLL_EVERY",
                pollEvery));
        service = RunningService.start(vertx, "billing-in", env);
        platformSide = PostgresAdapters.connect(
                vertx, DatabaseSettings.fromUrl(service.environment.get("ZSYNC_DATABASE_URL"), 2));
        zohoApi = WebClient.create(vertx);
        token = await(zohoApi.postAbs(service.zoho.baseUrl() + "/oauth/v2/token")
                        .sendForm(MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "refresh_token")
                                .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                                .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                                .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)))
                .bodyAsJsonObject()
                .getString("access_token");
        String product = billing(HttpMethod.POST, "/products", new JsonObject().put("name", "Fibre"), 201)
                .getJsonObject("product")
                .getString("product_id");
        for (String[] plan : new String[][] {{"FIBRE-50", "499"}, {"FIBRE-100", "799"}}) {
            billing(
                    HttpMethod.POST,
                    "/plans",
                    new JsonObject()
                            .put("plan_code", plan[0])
                            .put("name", plan[0])
                            .put("recurring_price", Double.parseDouble(plan[1]))
                            .put("interval", 1)
                            .put("interval_unit", "months")
                            .put("product_id", product),
                    201);
        }
        zohoCustomer = billing(
                        HttpMethod.POST,
                        "/customers",
                        new JsonObject().put("display_name", "ISP Customer").put("email", "isp@example.com"),
                        201)
                .getJsonObject("customer")
                .getString("customer_id");
        JsonObject subscription = billing(
                        HttpMethod.POST,
                        "/subscriptions",
                        new JsonObject()
                                .put("customer_id", zohoCustomer)
                                .put("reference_id", "svc-1")
                                .put("plan", new JsonObject().put("plan_code", "FIBRE-50")),
                        201)
                .getJsonObject("subscription");
        zohoSubscription = subscription.getString("subscription_id");
        zohoInvoice = billing(HttpMethod.GET, "/invoices?subscription_id=" + zohoSubscription, null, 200)
                .getJsonArray("invoices")
                .getJsonObject(0)
                .getString("invoice_id");
        link(EntityType.CUSTOMER, "c-1", zohoCustomer);
        link(EntityType.SUBSCRIPTION, "svc-1", zohoSubscription);
        ui = service.zoho.control().billing();
        webhookOn();
    }

    private void webhookOn() {
        service.zoho
                .control()
                .webhook(
                        "billing",
                        "http://127.0.0.1:" + service.app.httpPort() + "/webhooks/zoho-billing",
                        ZOHO_SECRET);
    }

    @Test
    void each_event_is_mirrored_and_reaches_the_platform_once_signed_and_in_order_per_subscription() throws Exception {
        startService("off");
        failFirst = 2; // the subscription's first message is refused twice: the later ones wait behind it

        billing(
                HttpMethod.PUT,
                "/subscriptions/" + zohoSubscription,
                new JsonObject().put("plan", new JsonObject().put("plan_code", "FIBRE-100")),
                200);
        awaitHandled(1);
        ui.declineNextCharge(zohoSubscription);
        ui.chargeCard(zohoInvoice);
        awaitHandled(2);
        String paymentId = ui.chargeCard(zohoInvoice).getString("payment_id");
        awaitHandled(3);
        ui.refund(paymentId, 100);
        awaitHandled(4);
        ui.updateInvoice(zohoInvoice, LocalDate.of(2027, 1, 15));
        awaitHandled(5);
        ui.voidInvoice(zohoInvoice);
        awaitHandled(6);
        ui.cardExpiring(zohoCustomer);
        awaitHandled(7);
        ui.cardUpdated(zohoCustomer);
        awaitHandled(8);
        billing(HttpMethod.POST, "/subscriptions/" + zohoSubscription + "/cancel?cancel_at_end=true", null, 200);
        awaitHandled(9);
        ui.markUnpaid(zohoSubscription);
        awaitHandled(10);
        ui.expire(zohoSubscription);
        awaitHandled(11);

        List<String> subscriptionTypes = List.of(
                "subscription.upgraded",
                "payment.failed",
                "payment.succeeded",
                "payment.refunded",
                "invoice.updated",
                "invoice.voided",
                "subscription.cancellation_scheduled",
                "subscription.unpaid",
                "subscription.expired");
        awaitReceived(() -> received.size() >= 11);
        List<JsonObject> ofSubscription = received.stream()
                .peek(BillingEventsEndToEndTest::verify)
                .map(Received::json)
                .filter(j -> "svc-1".equals(j.getJsonObject("data").getString("service_id")))
                .toList();
        assertThat(ofSubscription).extracting(j -> j.getString("type")).containsExactlyElementsOf(subscriptionTypes);
        assertThat(received.stream().map(Received::json).map(j -> j.getString("type")))
                .hasSize(11)
                .contains("card.expiring", "card.updated");

        JsonObject failed = ofSubscription.get(1).getJsonObject("data");
        assertThat(failed.getString("customer_id")).isEqualTo("c-1");
        assertThat(failed.getString("zoho_invoice_id")).isEqualTo(zohoInvoice);
        assertThat(failed.getString("reason")).isNotBlank();
        assertThat(failed.getDouble("amount")).isEqualTo(499.0);
        assertThat(failed.getInteger("attempt")).isEqualTo(1);
        assertThat(failed.getString("next_retry_at")).isNotBlank();

        ZohoState state = await(platformSide.zohoStates().statesOf(new EntityRef(EntityType.SUBSCRIPTION, "svc-1")))
                .get(SyncTarget.BILLING);
        assertThat(state.status()).isEqualTo("expired");
        assertThat(state.details()).containsEntry("plan_code", "FIBRE-100");
        assertThat(state.source()).startsWith("subscription_expired ");

        // Zoho delivers an event again: nothing more
        WebhookAttempt first = service.zoho.inspect().webhooks().stream()
                .filter(WebhookAttempt::delivered)
                .findFirst()
                .orElseThrow();
        HttpResponse<Buffer> again = await(service.http
                .post("/webhooks/zoho-billing")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Zoho-Webhook-Signature", first.signature())
                .sendBuffer(Buffer.buffer(first.body())));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject().getString("outcome")).isEqualTo("repeated");
        assertThat(outboxSize()).isEqualTo(11);
    }

    @Test
    void a_bad_or_missing_signature_is_refused_and_stores_nothing_and_base64_is_accepted() throws Exception {
        startService("off");
        String body = new JsonObject()
                .put("event_id", "77")
                .put("event_type", "subscription_unpaid")
                .put("event_time", "2026-11-30T07:00:00+0000")
                .put(
                        "data",
                        new JsonObject()
                                .put(
                                        "subscription",
                                        new JsonObject()
                                                .put("subscription_id", zohoSubscription)
                                                .put("customer_id", zohoCustomer)
                                                .put("status", "unpaid")))
                .encode();

        for (String signature : new String[] {null, "00", hmacHex("wrong-secret-123", body), "not hex at all"}) {
            var request = service.http.post("/webhooks/zoho-billing").putHeader("Content-Type", "application/json");
            if (signature != null) {
                request.putHeader("X-Zoho-Webhook-Signature", signature);
            }
            HttpResponse<Buffer> refused = await(request.sendBuffer(Buffer.buffer(body)));
            assertThat(refused.statusCode()).as(String.valueOf(signature)).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("invalid_signature");
        }
        assertThat(outboxSize()).isZero();
        assertThat(heldEvents()).isEmpty();

        byte[] mac = hmac(ZOHO_SECRET, body);
        HttpResponse<Buffer> base64 = await(service.http
                .post("/webhooks/zoho-billing")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Zoho-Webhook-Signature", Base64.getEncoder().encodeToString(mac))
                .sendBuffer(Buffer.buffer(body)));
        assertThat(base64.statusCode()).as(base64.bodyAsString()).isEqualTo(200);
        assertThat(base64.bodyAsJsonObject().getString("outcome")).isEqualTo("applied");
        assertThat(outboxSize()).isEqualTo(1);
    }

    @Test
    void an_event_for_an_unknown_subscription_is_held_as_unmatched() throws Exception {
        startService("off");
        String stranger = billing(
                        HttpMethod.POST,
                        "/customers",
                        new JsonObject().put("display_name", "Made in Zoho").put("email", "ui@example.com"),
                        201)
                .getJsonObject("customer")
                .getString("customer_id");

        billing(
                HttpMethod.POST,
                "/subscriptions",
                new JsonObject()
                        .put("customer_id", stranger)
                        .put("reference_id", "made-in-zoho")
                        .put("plan", new JsonObject().put("plan_code", "FIBRE-50")),
                201);

        awaitReceived(() -> {
            try {
                return heldEvents().size() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(heldEvents())
                .extracting(e -> ((JsonObject) e).getString("type"))
                .containsExactlyInAnyOrder("subscription_created", "invoice_created");
        assertThat(heldEvents()).allSatisfy(e -> {
            assertThat(((JsonObject) e).getString("status")).isEqualTo("unmatched");
            assertThat(((JsonObject) e).getString("source")).isEqualTo("zoho-billing");
        });
        assertThat(outboxSize()).isZero();
    }

    @Test
    void an_event_whose_webhook_was_lost_is_applied_by_the_poll_once() throws Exception {
        startService("1s");
        awaitReceived(() -> cursor().isPresent());
        service.zoho.control().webhook("billing", null, null);

        ui.markUnpaid(zohoSubscription);

        awaitReceived(
                () -> received.stream().anyMatch(r -> r.json().getString("type").equals("subscription.unpaid")));
        assertThat(await(platformSide.zohoStates().statesOf(new EntityRef(EntityType.SUBSCRIPTION, "svc-1")))
                        .get(SyncTarget.BILLING)
                        .source())
                .endsWith("(poll)");

        // the webhook comes back and Zoho's event is delivered after all: nothing more
        String eventId = billing(HttpMethod.GET, "/events?event_type=subscription_unpaid", null, 200)
                .getJsonArray("events")
                .getJsonObject(0)
                .getString("event_id");
        JsonObject event =
                billing(HttpMethod.GET, "/events/" + eventId, null, 200).getJsonObject("event");
        String body = new JsonObject()
                .put("event_id", eventId)
                .put("event_type", "subscription_unpaid")
                .put("event_time", event.getString("event_time"))
                .put("data", new JsonObject(event.getString("payload")))
                .encode();
        HttpResponse<Buffer> late = await(service.http
                .post("/webhooks/zoho-billing")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Zoho-Webhook-Signature", hmacHex(ZOHO_SECRET, body))
                .sendBuffer(Buffer.buffer(body)));
        assertThat(late.bodyAsJsonObject().getString("outcome")).isEqualTo("repeated");
        Thread.sleep(1500); // a further poll pass finds nothing new
        assertThat(outboxSize()).isEqualTo(1);
        assertThat(cursor()).contains(eventId);
    }

    private JsonObject billing(HttpMethod method, String path, JsonObject body, int status) throws Exception {
        var request = zohoApi.requestAbs(method, service.zoho.baseUrl() + "/billing/v1" + path)
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .putHeader("X-com-zoho-subscriptions-organizationid", SandboxOptions.DEMO_ORGANIZATION_ID);
        HttpResponse<Buffer> response = await(body == null ? request.send() : request.sendJsonObject(body));
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isEqualTo(status);
        return response.bodyAsJsonObject();
    }

    private void link(EntityType type, String id, String zohoId) throws Exception {
        await(platformSide.pool().preparedQuery("""
                        insert into sync_records (entity_type, entity_id, target, status, zoho_id, created_at, updated_at, synced_at)
                        values ($1, $2, 'billing', 'synced', $3, now(), now(), now())""").execute(Tuple.of(type.wire(), id, zohoId)));
    }

    /** Waits until the service has claimed or held {@code count} Billing events. */
    private void awaitHandled(int count) throws Exception {
        awaitReceived(() -> {
            try {
                return await(platformSide
                                        .pool()
                                        .preparedQuery(
                                                "select count(*) from inbound_events where provider = 'zoho-billing'")
                                        .execute())
                                .iterator()
                                .next()
                                .getLong(0)
                        >= count;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Optional<String> cursor() {
        try {
            var rows = await(platformSide
                    .pool()
                    .preparedQuery("select event_id from billing_event_cursor")
                    .execute());
            return rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int outboxSize() throws Exception {
        return await(platformSide.platformOutbox().list(new Page(Optional.empty(), Optional.empty(), 0, 500)))
                .size();
    }

    private JsonArray heldEvents() throws Exception {
        HttpResponse<Buffer> response = await(service.http
                .get("/admin/api/inbound-events")
                .addQueryParam("source", "zoho-billing")
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .send());
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("events");
    }

    private static void awaitReceived(BooleanSupplier done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached within 20 s");
    }

    private static void verify(Received r) {
        try {
            new Webhook(PLATFORM_SECRET)
                    .verify(
                            r.body(),
                            Map.of(
                                    "webhook-id", List.of(r.id()),
                                    "webhook-timestamp", List.of(r.timestamp()),
                                    "webhook-signature", List.of(r.signature())));
        } catch (Exception e) {
            throw new AssertionError("the signature does not verify: " + e.getMessage(), e);
        }
    }

    private static byte[] hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmacHex(String secret, String text) throws Exception {
        return java.util.HexFormat.of().formatHex(hmac(secret, text));
    }
}
