package io.zohosync.sandbox.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.WebhookReceiver;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What happens in Billing without an API call: each is an event in {@code GET /events} and a signed webhook. */
@ExtendWith(VertxExtension.class)
class BillingUiEventsTest {
    private static final String SECRET = "whsec0123456789abcdef";

    private SandboxClient client;
    private WebhookReceiver receiver;
    private BillingCalls billing;
    private BillingUi ui;
    private String customerId;
    private JsonObject subscription;
    private String invoiceId;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        receiver = WebhookReceiver.start(vertx);
        billing = new BillingCalls(client);
        billing.plan("FIBRE-50", 499);
        client.sandbox.control().webhook("billing", receiver.url("/hooks"), SECRET);
        customerId = billing.customer("month@example.com").getString("customer_id");
        subscription = billing.subscribe(customerId, "FIBRE-50", "svc-1");
        invoiceId = subscription.getString("child_invoice_id", null);
        assertThat(next("subscription_created")).isNotNull();
        JsonObject invoiceCreated = next("invoice_created");
        invoiceId =
                invoiceCreated.getJsonObject("data").getJsonObject("invoice").getString("invoice_id");
        ui = client.sandbox.control().billing();
    }

    @AfterEach
    void stop() {
        receiver.close();
        client.close();
    }

    @Test
    void aDeclinedChargeIsPaymentDeclinedWithTheInvoiceStillOwing() {
        ui.declineNextCharge(subscription.getString("subscription_id"));

        JsonObject payment = ui.chargeCard(invoiceId);

        JsonObject event = next("payment_declined");
        JsonObject data = event.getJsonObject("data");
        assertThat(data.getJsonObject("payment").getString("payment_id")).isEqualTo(payment.getString("payment_id"));
        assertThat(data.getJsonObject("payment").getString("status")).isEqualTo("failure");
        assertThat(data.getJsonObject("payment").getString("failure_reason")).isNotBlank();
        assertThat(data.getJsonObject("invoice").getString("invoice_id")).isEqualTo(invoiceId);
        assertThat(data.getJsonObject("invoice").getDouble("balance")).isEqualTo(499.0);
        assertThat(listed("payment_declined")).isEqualTo(event.getString("event_id"));

        ui.chargeCard(invoiceId);
        JsonObject paid = next("payment_thankyou").getJsonObject("data");
        assertThat(paid.getJsonObject("payment").getString("status")).isEqualTo("success");
        assertThat(paid.getJsonObject("invoice").getString("status")).isEqualTo("paid");
    }

    @Test
    void aRefundIsPaymentRefunded() {
        String paymentId = ui.chargeCard(invoiceId).getString("payment_id");
        next("payment_thankyou");

        ui.refund(paymentId, 100);

        JsonObject refunded = next("payment_refunded").getJsonObject("data").getJsonObject("payment");
        assertThat(refunded.getDouble("amount_refunded")).isEqualTo(100.0);
        assertThat(billing.ok(HttpMethod.GET, "/payments/" + paymentId, null, 200)
                        .getJsonObject("payment")
                        .getDouble("amount_refunded"))
                .isEqualTo(100.0);
        assertThat(listed("payment_refunded")).isNotNull();
    }

    @Test
    void cardsExpiringAndUpdatedAreEventsNamingTheCustomer() {
        ui.cardExpiring(customerId);
        JsonObject expiring = next("card_expiring").getJsonObject("data");
        assertThat(expiring.getJsonObject("card").getString("customer_id")).isEqualTo(customerId);
        assertThat(expiring.getJsonObject("customer").getString("customer_id")).isEqualTo(customerId);

        ui.cardUpdated(customerId);
        assertThat(next("card_updated")
                        .getJsonObject("data")
                        .getJsonObject("card")
                        .getString("last_four_digits"))
                .isEqualTo("4242");
        assertThat(listed("card_expiring")).isNotNull();
        assertThat(listed("card_updated")).isNotNull();
    }

    @Test
    void anInvoiceUpdatedAndVoidedInTheUi() {
        ui.updateInvoice(invoiceId, LocalDate.of(2027, 1, 15));
        assertThat(next("invoice_updated")
                        .getJsonObject("data")
                        .getJsonObject("invoice")
                        .getString("due_date"))
                .isEqualTo("2027-01-15");

        ui.voidInvoice(invoiceId);
        assertThat(next("invoice_voided")
                        .getJsonObject("data")
                        .getJsonObject("invoice")
                        .getString("status"))
                .isEqualTo("void");
        assertThat(billing.ok(HttpMethod.GET, "/invoices/" + invoiceId, null, 200)
                        .getJsonObject("invoice")
                        .getString("status"))
                .isEqualTo("void");
    }

    @Test
    void aSubscriptionUnpaidThenExpired() {
        String id = subscription.getString("subscription_id");
        ui.markUnpaid(id);
        assertThat(next("subscription_unpaid")
                        .getJsonObject("data")
                        .getJsonObject("subscription")
                        .getString("status"))
                .isEqualTo("unpaid");

        ui.expire(id);
        assertThat(next("subscription_expired")
                        .getJsonObject("data")
                        .getJsonObject("subscription")
                        .getString("status"))
                .isEqualTo("expired");
        assertThat(billing.ok(HttpMethod.GET, "/subscriptions/" + id, null, 200)
                        .getJsonObject("subscription")
                        .getString("status"))
                .isEqualTo("expired");
    }

    @Test
    void anUnknownObjectIsRefused() {
        assertThatThrownBy(() -> ui.chargeCard("404")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The next webhook, which must be of {@code type} and signed as Billing signs. */
    private JsonObject next(String type) {
        WebhookReceiver.Received received = receiver.next();
        JsonObject body = new JsonObject(received.body());
        assertThat(body.getString("event_type")).isEqualTo(type);
        assertThat(received.signature()).isEqualTo(WebhookReceiver.hmacSha256Hex(SECRET, received.body()));
        return body;
    }

    /** The newest listed event of {@code type}'s id. */
    private String listed(String type) {
        return billing.events(type).getJsonObject(0).getString("event_id");
    }
}
