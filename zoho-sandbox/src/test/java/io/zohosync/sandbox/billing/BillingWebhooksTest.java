package io.zohosync.sandbox.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.WebhookReceiver;
import io.zohosync.sandbox.core.WebhookAttempt;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BillingWebhooksTest {
    private static final String SECRET = "whsec0123456789abcdef";

    private SandboxClient client;
    private WebhookReceiver receiver;
    private BillingCalls billing;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        receiver = WebhookReceiver.start(vertx);
        billing = new BillingCalls(client);
        billing.plan("BASIC", 10);
    }

    @AfterEach
    void stop() {
        receiver.close();
        client.close();
    }

    @Test
    void eachEventIsPostedWithASignatureAnIndependentHmacReproduces() {
        client.sandbox
                .control()
                .webhook("billing", receiver.url("/hooks/zoho?subscription_id=90343&name=basic"), SECRET);

        billing.subscribe(billing.customer("signed@example.com").getString("customer_id"), "BASIC", "r-signed");

        WebhookReceiver.Received created = receiver.next();
        JsonObject body = new JsonObject(created.body());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("event_id", "event_type", "event_time", "data");
        assertThat(body.getString("event_type")).isEqualTo("subscription_created");
        assertThat(body.getJsonObject("data").getJsonObject("subscription").getString("reference_id"))
                .isEqualTo("r-signed");
        assertThat(created.signature())
                .isEqualTo(WebhookReceiver.hmacSha256Hex(SECRET, "namebasicsubscription_id90343" + created.body()));
        assertThat(new JsonObject(receiver.next().body()).getString("event_type"))
                .isEqualTo("invoice_created");
        String eventId = body.getString("event_id");
        assertThat(billing.ok(HttpMethod.GET, "/events/" + eventId, null, 200)
                        .getJsonObject("event")
                        .getString("event_type"))
                .isEqualTo("subscription_created");
    }

    @Test
    void aFailedDeliveryIsRetriedOnTheSandboxClockAndEveryAttemptIsRecorded() {
        client.sandbox.control().timeScale(200).webhook("billing", receiver.url("/hooks"), SECRET);
        receiver.failNext(2);

        invoice("retry@example.com");

        SandboxClient.eventually(() -> client.sandbox.inspect().webhooks().size() == 3);
        List<WebhookAttempt> attempts = client.sandbox.inspect().webhooks();
        assertThat(attempts).extracting(WebhookAttempt::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(WebhookAttempt::status).containsExactly(500, 500, 200);
        assertThat(attempts.get(2).delivered()).isTrue();
        assertThat(attempts).extracting(WebhookAttempt::eventType).containsOnly("invoice_created");
        assertThat(attempts.get(0).body()).isEqualTo(attempts.get(2).body());
        assertThat(attempts).extracting(WebhookAttempt::retrying).containsExactly(true, true, false);
        JsonObject event = billing.ok(
                        HttpMethod.GET, "/events/" + attempts.get(0).eventId(), null, 200)
                .getJsonObject("event");
        assertThat(event.getJsonArray("webhooks").getJsonObject(0).getString("status"))
                .isEqualTo("success");
        assertThat(event.getJsonArray("webhooks").getJsonObject(0).getString("url"))
                .isEqualTo(receiver.url("/hooks"));
    }

    @Test
    void retriesStopAfterTheFourthAttempt(Vertx vertx) {
        client.sandbox.control().timeScale(200).webhook("billing", receiver.url("/hooks"), SECRET);
        receiver.failNext(100);

        invoice("down@example.com");

        SandboxClient.eventually(() -> client.sandbox.inspect().webhooks().size() == 4);
        SandboxClient.await(vertx.timer(300));
        assertThat(receiver.pending()).isEqualTo(4);
        assertThat(client.sandbox.inspect().webhooks()).noneMatch(WebhookAttempt::delivered);
        assertThat(client.sandbox.inspect().webhooks())
                .extracting(WebhookAttempt::attempt)
                .containsExactly(1, 2, 3, 4);
        String eventId = client.sandbox.inspect().webhooks().get(0).eventId();
        assertThat(billing.ok(HttpMethod.GET, "/events/" + eventId, null, 200)
                        .getJsonObject("event")
                        .getJsonArray("webhooks")
                        .getJsonObject(0)
                        .getString("status"))
                .isEqualTo("failure");
    }

    private void invoice(String email) {
        billing.ok(
                HttpMethod.POST,
                "/invoices",
                new JsonObject()
                        .put("customer_id", billing.customer(email).getString("customer_id"))
                        .put(
                                "invoice_items",
                                new JsonArray()
                                        .add(new JsonObject().put("name", "Fee").put("price", 5))),
                201);
    }
}
