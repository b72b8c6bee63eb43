package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.ZohoSandbox;
import io.zohosync.sandbox.core.SandboxRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payments through HTTP, Postgres, the worker and the Books sandbox: a payment sent before its customer and order
 * waits for them, then becomes one Books customer payment (reference = the provider's id, mode by the domain) applied
 * to the order's invoice, which Books marks partially paid and then paid; a payment without an order is an
 * unapplied payment, the customer's credit; a change Books refuses fails with a reason.
 */
@ExtendWith(VertxExtension.class)
class PaymentFlowEndToEndTest {

    private static Vertx vertx;
    private static RunningService service;
    private static ZohoSandbox zoho;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx v) throws Exception {
        vertx = v;
        service = RunningService.start(v, "payments", Map.of());
        zoho = service.zoho;
        http = service.http;
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void a_payment_before_its_customer_and_order_waits_then_pays_the_invoice_partly_and_a_second_one_fully()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "ENR-" + suffix;
        String customerId = "cus-" + suffix;
        String sku = "YOGA-" + suffix;
        Map<String, Integer> before = zoho.inspect().calls();

        assertThat(await(service.put(
                                "payments", "PAY1-" + suffix, payment(customerId, orderId, "200.00", "pi_1" + suffix)))
                        .statusCode())
                .isEqualTo(202);
        service.awaitStatus("payments", "PAY1-" + suffix, "waiting");
        assertThat(payments("pi_1" + suffix))
                .as("nothing booked while it waits")
                .isEmpty();

        await(service.put("items", sku, item()));
        await(http.post("/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(customer(customerId)));
        await(service.put("orders", orderId, RunningService.order(customerId, sku)));

        JsonObject synced = service.awaitStatus("payments", "PAY1-" + suffix, "synced");
        String contactId =
                service.awaitStatus("customers", customerId, "synced").getString("zoho_id");
        String invoiceId = service.awaitStatus("orders", orderId, "synced").getString("zoho_id");
        JsonObject first = payments("pi_1" + suffix).get(0);
        assertThat(payments("pi_1" + suffix)).hasSize(1);
        assertThat(first.getString("payment_id")).isEqualTo(synced.getString("zoho_id"));
        assertThat(first.getString("customer_id")).isEqualTo(contactId);
        assertThat(first.getString("payment_mode")).isEqualTo("creditcard");
        assertThat(first.getDouble("amount")).isEqualTo(200.00);
        assertThat(first.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo(invoiceId);
        assertThat(invoice(orderId).getString("status")).isEqualTo("partially_paid");
        assertThat(invoice(orderId).getDouble("balance")).isEqualTo(300.00);

        await(service.put("payments", "PAY2-" + suffix, payment(customerId, orderId, "300.00", "pi_2" + suffix)));
        service.awaitStatus("payments", "PAY2-" + suffix, "synced");
        assertThat(invoice(orderId).getString("status")).isEqualTo("paid");
        assertThat(invoice(orderId).getDouble("balance")).isEqualTo(0.0);
        // each payment is one Books write, and nothing else of Books' payments is read on the way
        assertThat(service.callsSince(before, "POST /books/v3/customerpayments"))
                .isEqualTo(2);
        assertThat(service.callsSince(before, "GET /books/v3/customerpayments")).isEqualTo(0);

        // more than the paid invoice can take: Books refuses, the payment fails with what to do, nothing changes
        await(service.put("payments", "PAY1-" + suffix, payment(customerId, orderId, "250.00", "pi_1" + suffix)));
        JsonObject refused = service.awaitStatus("payments", "PAY1-" + suffix, "failed");
        assertThat(refused.getString("last_error")).contains("more than the balance due", "refund the excess");
        assertThat(payments("pi_1" + suffix).get(0).getDouble("amount")).isEqualTo(200.00);
        assertThat(invoice(orderId).getString("status")).isEqualTo("paid");

        // corrected to less, and the admin retries: Books takes the change, and the invoice is partly paid again
        await(service.put("payments", "PAY1-" + suffix, payment(customerId, orderId, "150.00", "pi_1" + suffix)));
        assertThat(await(http.post("/admin/api/sync/payment/PAY1-" + suffix + "/books/retry")
                                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                                .send())
                        .statusCode())
                .isBetween(200, 204);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (payments("pi_1" + suffix).get(0).getDouble("amount") != 150.00
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        service.awaitStatus("payments", "PAY1-" + suffix, "synced");
        assertThat(payments("pi_1" + suffix))
                .singleElement()
                .satisfies(p -> assertThat(p.getString("payment_id")).isEqualTo(synced.getString("zoho_id")));
        assertThat(invoice(orderId).getString("status")).isEqualTo("partially_paid");
        assertThat(invoice(orderId).getDouble("balance")).isEqualTo(50.00);
        assertThat(service.callsSince(before, "PUT /books/v3/customerpayments/{payment_id}"))
                .isEqualTo(2);
        assertThat(service.callsSince(before, "POST /books/v3/customerpayments"))
                .isEqualTo(2);
    }

    @Test
    void a_payment_without_an_order_is_an_unapplied_payment_referenced_by_the_platform_id_without_a_provider_one()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "credit-" + suffix;
        String paymentId = "CREDIT-" + suffix;
        await(http.post("/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(customer(customerId)));
        JsonObject body = payment(customerId, null, "80.00", null);
        body.remove("provider_payment_id");
        body.put("method", "bank_transfer");

        assertThat(await(service.put("payments", paymentId, body)).statusCode()).isEqualTo(202);
        JsonObject synced = service.awaitStatus("payments", paymentId, "synced");

        assertThat(payments(paymentId)).singleElement().satisfies(p -> {
            assertThat(p.getString("payment_id")).isEqualTo(synced.getString("zoho_id"));
            assertThat(p.getString("reference_number")).isEqualTo(paymentId);
            assertThat(p.getString("payment_mode")).isEqualTo("banktransfer");
            assertThat(p.getDouble("amount")).isEqualTo(80.00);
            assertThat(p.getJsonArray("invoices"))
                    .as("unapplied: the customer's credit")
                    .isEmpty();
        });
    }

    @Test
    void a_broken_payment_is_refused_naming_each_field_and_nothing_is_stored() throws Exception {
        String paymentId = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject body = payment("cus-x", "ENR-x", "10.005", "pi_x").put("method", "cheque");

        service.assertRefused("payments", paymentId, body, "amount", "method");
    }

    private static JsonObject item() {
        return new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR");
    }

    private static JsonObject payment(String customerId, String orderId, String amount, String providerId) {
        JsonObject payment = new JsonObject()
                .put("customer_id", customerId)
                .put("amount", amount)
                .put("currency", "ZAR")
                .put("date", "2026-03-02")
                .put("method", "card")
                .put("provider_payment_id", providerId);
        return orderId == null ? payment : payment.put("invoice_id", orderId);
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

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("email", id + "@example.com");
    }
}
