package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxClient;
import io.zohosync.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BillingCatalogTest {
    private SandboxClient client;
    private BillingCalls billing;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        billing = new BillingCalls(client);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void customersAreCreatedReadUpdatedListedAndFoundByCrmReference() {
        JsonObject created = billing.ok(
                HttpMethod.POST,
                "/customers",
                new JsonObject()
                        .put("display_name", "Ada Lovelace")
                        .put("email", "ada@example.com")
                        .put("zcrm_contact_id", "5725767000000524157"),
                201);
        assertThat(created.getString("message")).isEqualTo("The customer has been created");
        String id = created.getJsonObject("customer").getString("customer_id");

        assertThat(billing.ok(HttpMethod.GET, "/customers/" + id, null, 200)
                        .getJsonObject("customer")
                        .getString("status"))
                .isEqualTo("active");
        JsonObject updated = billing.ok(
                HttpMethod.PUT, "/customers/" + id, new JsonObject().put("company_name", "Analytical Engines"), 200);
        assertThat(updated.getString("message")).isEqualTo("The customer details have been updated.");
        assertThat(billing.ok(HttpMethod.GET, "/customers?email=ADA@example.com", null, 200)
                        .getJsonArray("customers"))
                .singleElement()
                .satisfies(c ->
                        assertThat(((JsonObject) c).getString("company_name")).isEqualTo("Analytical Engines"));
        assertThat(billing.ok(
                                HttpMethod.GET,
                                "/customers/reference/5725767000000524157?reference_id_type=zcrm_contact_id",
                                null,
                                200)
                        .getJsonObject("customer")
                        .getString("customer_id"))
                .isEqualTo(id);
        assertThat(client.sandbox.inspect().recordsFor("ada@example.com"))
                .singleElement()
                .satisfies(r -> assertThat(r.product()).isEqualTo("billing"));
    }

    @Test
    void customerErrorsFollowZohosEnvelope() {
        HttpResponse<Buffer> noEmail =
                billing.call(HttpMethod.POST, "/customers", new JsonObject().put("display_name", "No Mail"));
        HttpResponse<Buffer> unknown = billing.call(HttpMethod.GET, "/customers/460000000000001", null);
        HttpResponse<Buffer> noOrganization = send(
                client.web.get("/billing/v1/customers").putHeader("Authorization", "Zoho-oauthtoken " + billing.token));
        HttpResponse<Buffer> otherOrganization = send(client.web
                .get("/billing/v1/customers")
                .putHeader("Authorization", "Zoho-oauthtoken " + billing.token)
                .putHeader(BillingApi.ORGANIZATION_HEADER, "999"));
        HttpResponse<Buffer> noToken = send(client.web
                .get("/billing/v1/customers")
                .putHeader(BillingApi.ORGANIZATION_HEADER, SandboxOptions.DEMO_ORGANIZATION_ID));

        assertThat(noEmail.statusCode()).isEqualTo(400);
        assertThat(noEmail.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("code", 14).put("message", "Invalid value passed for email"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("message")).isEqualTo("Customer does not exist.");
        assertThat(noOrganization.statusCode()).isEqualTo(400);
        assertThat(otherOrganization.bodyAsJsonObject().getInteger("code")).isEqualTo(6041);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(billing.call(HttpMethod.GET, "/customers/reference/5725767000000000001", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(billing.call(HttpMethod.PUT, "/customers/460000000000001", new JsonObject().put("notes", "x"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void plansAndAddonsAreKeyedByCodeAndCanBeMarkedInactive() {
        JsonObject plan = billing.plan("BASIC", 10);
        billing.addon("SEAT", 2.5);

        assertThat(plan.getString("status")).isEqualTo("active");
        assertThat(billing.ok(HttpMethod.GET, "/plans/BASIC", null, 200)
                        .getJsonObject("plan")
                        .getDouble("recurring_price"))
                .isEqualTo(10.0);
        assertThat(billing.ok(HttpMethod.GET, "/addons/SEAT", null, 200)
                        .getJsonObject("addon")
                        .getString("name"))
                .isEqualTo("Addon SEAT");
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/plans",
                                new JsonObject()
                                        .put("plan_code", "BASIC")
                                        .put("name", "Again")
                                        .put("recurring_price", 1)
                                        .put("interval", 1)
                                        .put("product_id", billing.productId()))
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/plans",
                                new JsonObject()
                                        .put("plan_code", "NOPRICE")
                                        .put("name", "No price")
                                        .put("interval", 1)
                                        .put("product_id", billing.productId()))
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invalid value passed for recurring_price");
        assertThat(billing.call(HttpMethod.GET, "/plans/NONE", null).statusCode())
                .isEqualTo(404);
        assertThat(billing.call(HttpMethod.GET, "/addons/NONE", null).statusCode())
                .isEqualTo(404);
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/addons",
                                new JsonObject()
                                        .put("addon_code", "FREE")
                                        .put("name", "Free")
                                        .put("product_id", billing.productId()))
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invalid value passed for price_brackets");

        assertThat(billing.ok(HttpMethod.POST, "/plans/BASIC/markasinactive", null, 200)
                        .getString("message"))
                .isEqualTo("The plan has been marked as inactive.");
        assertThat(billing.ok(HttpMethod.GET, "/plans?filter_by=PlanStatus.ACTIVE", null, 200)
                        .getJsonArray("plans"))
                .isEmpty();
        assertThat(billing.ok(HttpMethod.GET, "/plans?filter_by=PlanStatus.INACTIVE", null, 200)
                        .getJsonArray("plans"))
                .hasSize(1);
        assertThat(billing.ok(HttpMethod.GET, "/addons", null, 200).getJsonArray("addons"))
                .hasSize(1);
    }

    @Test
    void manualInvoiceIsPaidDownByPaymentsWithEvents() {
        String customerId = billing.customer("payer@example.com").getString("customer_id");
        JsonObject invoice = billing.ok(
                        HttpMethod.POST,
                        "/invoices",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("reference_number", "ORDER-77")
                                .put(
                                        "invoice_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "Setup")
                                                        .put("price", 40.0)
                                                        .put("quantity", 2))),
                        201)
                .getJsonObject("invoice");
        String invoiceId = invoice.getString("invoice_id");
        assertThat(invoice.getString("status")).isEqualTo("sent");
        assertThat(invoice.getDouble("total")).isEqualTo(80.0);

        JsonObject payment = billing.ok(HttpMethod.POST, "/payments", payment(customerId, invoiceId, 30, "PAY-1"), 201)
                .getJsonObject("payment");
        assertThat(payment.getJsonArray("invoices").getJsonObject(0).getDouble("balance_amount"))
                .isEqualTo(50.0);
        assertThat(billing.ok(HttpMethod.GET, "/invoices/" + invoiceId, null, 200)
                        .getJsonObject("invoice")
                        .getString("status"))
                .isEqualTo("partially_paid");
        HttpResponse<Buffer> overpaid =
                billing.call(HttpMethod.POST, "/payments", payment(customerId, invoiceId, 60, "PAY-2"));
        assertThat(overpaid.statusCode()).isEqualTo(400);
        assertThat(overpaid.bodyAsJsonObject().getInteger("code")).isEqualTo(24016);
        billing.ok(HttpMethod.POST, "/payments", payment(customerId, invoiceId, 50, "PAY-3"), 201);

        JsonObject paid =
                billing.ok(HttpMethod.GET, "/invoices/" + invoiceId, null, 200).getJsonObject("invoice");
        assertThat(paid.getString("status")).isEqualTo("paid");
        assertThat(paid.getDouble("balance")).isZero();
        assertThat(billing.ok(HttpMethod.GET, "/payments/" + payment.getString("payment_id"), null, 200)
                        .getJsonObject("payment")
                        .getString("reference_number"))
                .isEqualTo("PAY-1");
        assertThat(billing.ok(
                                HttpMethod.GET,
                                "/invoices?customer_id=" + customerId + "&filter_by=Status.Paid",
                                null,
                                200)
                        .getJsonArray("invoices"))
                .hasSize(1);
        assertThat(billing.events("payment_thankyou")).hasSize(2);
        assertThat(billing.events("invoice_created")).hasSize(1);
        assertThat(client.sandbox.inspect().recordsFor("ORDER-77"))
                .extracting(r -> r.entity())
                .containsExactly("invoices");
        assertThat(client.sandbox.inspect().calls("POST /billing/v1/payments")).isEqualTo(3);
    }

    @Test
    void paymentsAndInvoicesRefuseWhatZohoRefuses() {
        String customerId = billing.customer("refused@example.com").getString("customer_id");
        assertThat(billing.call(HttpMethod.POST, "/invoices", new JsonObject().put("customer_id", customerId))
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/invoices",
                                new JsonObject()
                                        .put("customer_id", "1")
                                        .put(
                                                "invoice_items",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("name", "x")
                                                                .put("price", 1))))
                        .statusCode())
                .isEqualTo(400);
        assertThat(billing.call(
                                HttpMethod.POST,
                                "/payments",
                                new JsonObject().put("customer_id", customerId).put("amount", 5))
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invalid value passed for payment_mode");
        assertThat(billing.call(HttpMethod.POST, "/payments", payment(customerId, "460000000000001", 5, "X"))
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invalid value passed for invoice_id");
        assertThat(billing.call(HttpMethod.GET, "/payments/460000000000001", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(billing.call(HttpMethod.GET, "/invoices/460000000000001", null)
                        .statusCode())
                .isEqualTo(404);
    }

    private static JsonObject payment(String customerId, String invoiceId, double amount, String reference) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("payment_mode", "banktransfer")
                .put("amount", amount)
                .put("reference_number", reference)
                .put(
                        "invoices",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("invoice_id", invoiceId)
                                        .put("amount_applied", amount)));
    }
}
