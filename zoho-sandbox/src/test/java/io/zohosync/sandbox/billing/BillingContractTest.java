package io.zohosync.sandbox.billing;

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
import io.zohosync.sandbox.ZohoContract;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract test: drives every Billing operation the sandbox serves and validates each request and response against Zoho's
 * OpenAPI documents in {@code $ZOHO_OPENAPI_DIR/billing} (skipped when the variable is unset).
 */
@ExtendWith(VertxExtension.class)
class BillingContractTest {
    private static final Map<String, String> DOCUMENTS = Map.of(
            "customers",
            "customers.yml",
            "plans",
            "plans.yml",
            "addons",
            "addons.yml",
            "subscriptions",
            "subscription.yml",
            "invoices",
            "invoices.yml",
            "payments",
            "payments.yml",
            "hostedpages",
            "hosted-pages.yml",
            "events",
            "events.yml",
            "transactions",
            "customers.yml");

    private SandboxClient client;
    private ZohoContract contract;
    private String token;

    @Test
    void everyBillingRequestAndResponseMatchesZohosDocuments(Vertx vertx) {
        Path folder = ZohoContract.documents("billing").orElse(null);
        Assumptions.assumeTrue(
                folder != null,
                "ZOHO_OPENAPI_DIR is not set to a folder with Zoho's billing/*.yml: Billing contract tests skipped");
        contract = new ZohoContract(folder, path -> DOCUMENTS.get(path.split("/")[3]));
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        try {
            token = client.accessToken();
            runBillingFlow();
        } finally {
            client.close();
        }
        assertThat(contract.exchanges()).hasSizeGreaterThan(25);
        assertThat(contract.problems()).isEmpty();
    }

    private void runBillingFlow() {
        String customerId = call(
                        HttpMethod.POST,
                        "/customers",
                        new JsonObject()
                                .put("display_name", "Bowman and Co")
                                .put("email", "bowman@example.com")
                                .put("zcrm_account_id", "5725767000000411002")
                                .put("company_name", "Bowman")
                                .put("notes", "zoho-sync:c-1")
                                .put(
                                        "billing_address",
                                        new JsonObject()
                                                .put("street", "1 Main Rd")
                                                .put("city", "Cape Town")
                                                .put("zip", "8001")
                                                .put("country", "South Africa")))
                .getJsonObject("customer")
                .getString("customer_id");
        call(HttpMethod.GET, "/customers/" + customerId, null);
        call(HttpMethod.GET, "/customers?email=bowman@example.com", null);
        call(HttpMethod.GET, "/customers?display_name=Bowman%20and%20Co", null);
        call(HttpMethod.GET, "/customers/reference/5725767000000411002?reference_id_type=zcrm_account_id", null);
        call(
                HttpMethod.PUT,
                "/customers/" + customerId,
                new JsonObject()
                        .put("display_name", "Bowman and Co")
                        .put("email", "bowman@example.com")
                        .put("company_name", "Bowman"));

        String productId = product();
        call(
                HttpMethod.POST,
                "/plans",
                new JsonObject()
                        .put("plan_code", "BASIC")
                        .put("name", "Basic")
                        .put("recurring_price", 10.0)
                        .put("interval", 1)
                        .put("interval_unit", "months")
                        .put("product_id", productId));
        call(
                HttpMethod.POST,
                "/plans",
                new JsonObject()
                        .put("plan_code", "PRO")
                        .put("name", "Pro")
                        .put("recurring_price", 30.0)
                        .put("interval", 1)
                        .put("interval_unit", "months")
                        .put("product_id", productId));
        call(HttpMethod.GET, "/plans", null);
        call(
                HttpMethod.PUT,
                "/plans/PRO",
                new JsonObject()
                        .put("plan_code", "PRO")
                        .put("name", "Pro")
                        .put("recurring_price", 35.0)
                        .put("interval", 1)
                        .put("interval_unit", "months")
                        .put("description", "Pro, dearer"));
        call(HttpMethod.GET, "/plans/BASIC", null);
        call(
                HttpMethod.POST,
                "/addons",
                new JsonObject()
                        .put("addon_code", "SEAT")
                        .put("name", "Seat")
                        .put("unit_name", "seat")
                        .put("product_id", productId)
                        .put("pricing_scheme", "unit")
                        .put("type", "recurring")
                        .put("interval_unit", "monthly")
                        .put("price_brackets", new JsonArray().add(new JsonObject().put("price", 5.0)))
                        .put("plans", new JsonArray().add(new JsonObject().put("plan_code", "BASIC"))));
        call(
                HttpMethod.POST,
                "/addons",
                new JsonObject()
                        .put("addon_code", "IP")
                        .put("name", "Static IP")
                        .put("unit_name", "unit")
                        .put("product_id", productId)
                        .put("pricing_scheme", "unit")
                        .put("type", "recurring")
                        .put("interval_unit", "monthly")
                        .put("applicable_to_all_plans", true)
                        .put("price_brackets", new JsonArray().add(new JsonObject().put("price", 49.0))));
        call(HttpMethod.GET, "/addons", null);
        call(HttpMethod.GET, "/addons/SEAT", null);
        call(
                HttpMethod.PUT,
                "/addons/SEAT",
                new JsonObject()
                        .put("addon_code", "SEAT")
                        .put("name", "Seat")
                        .put("unit_name", "seat")
                        .put("product_id", productId)
                        .put("pricing_scheme", "unit")
                        .put("type", "recurring")
                        .put("interval_unit", "monthly")
                        .put("applicable_to_all_plans", true)
                        .put("plans", new JsonArray())
                        .put(
                                "price_brackets",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("start_quantity", 1)
                                                .put("end_quantity", 99999)
                                                .put("price", 6.0))));

        JsonObject subscription = call(
                        HttpMethod.POST,
                        "/subscriptions",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("reference_id", "sync:contract-1")
                                .put(
                                        "plan",
                                        new JsonObject()
                                                .put("plan_code", "BASIC")
                                                .put("quantity", 2))
                                .put(
                                        "addons",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("addon_code", "SEAT")
                                                        .put("quantity", 1))))
                .getJsonObject("subscription");
        String subscriptionId = subscription.getString("subscription_id");
        String offline = call(
                        HttpMethod.POST,
                        "/subscriptions",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put(
                                        "plan",
                                        new JsonObject()
                                                .put("plan_code", "BASIC")
                                                .put("quantity", 1))
                                .put(
                                        "addons",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("addon_code", "IP")
                                                        .put("quantity", 1)))
                                .put("reference_id", "svc-1")
                                .put("auto_collect", false)
                                .put("starts_at", "2026-12-01"))
                .getJsonObject("subscription")
                .getString("subscription_id");
        call(
                HttpMethod.PUT,
                "/subscriptions/" + offline,
                new JsonObject()
                        .put("plan", new JsonObject().put("plan_code", "PRO").put("quantity", 2))
                        .put("addons", new JsonArray())
                        .put("end_of_term", false));
        call(
                HttpMethod.POST,
                "/subscriptions",
                new JsonObject()
                        .put(
                                "customer",
                                new JsonObject().put("display_name", "New Co").put("email", "new@example.com"))
                        .put("plan", new JsonObject().put("plan_code", "BASIC")));
        call(HttpMethod.GET, "/subscriptions/" + subscriptionId, null);
        call(HttpMethod.GET, "/subscriptions?customer_id=" + customerId, null);
        call(HttpMethod.GET, "/subscriptions?filter_by=SubscriptionStatus.LIVE", null);
        call(
                HttpMethod.PUT,
                "/subscriptions/" + subscriptionId,
                new JsonObject().put("plan", new JsonObject().put("plan_code", "PRO")));
        call(
                HttpMethod.PUT,
                "/subscriptions/" + subscriptionId,
                new JsonObject().put("end_of_term", true).put("plan", new JsonObject().put("plan_code", "BASIC")));

        String invoiceId = subscription.getString("child_invoice_id");
        call(HttpMethod.GET, "/invoices/" + invoiceId, null);
        call(HttpMethod.GET, "/invoices?customer_id=" + customerId, null);
        call(
                HttpMethod.POST,
                "/invoices",
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("date", "2026-11-22")
                        .put(
                                "invoice_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("name", "Setup")
                                                .put("price", 40.0)
                                                .put("quantity", 1))));
        String paymentId = call(
                        HttpMethod.POST,
                        "/payments",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("payment_mode", "banktransfer")
                                .put("amount", 25.0)
                                .put("date", "2026-11-22")
                                .put("reference_number", "PAY-1")
                                .put(
                                        "invoices",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("invoice_id", invoiceId)
                                                        .put("amount_applied", 25.0))))
                .getJsonObject("payment")
                .getString("payment_id");
        call(HttpMethod.GET, "/payments/" + paymentId, null);
        // issue 10: a manual invoice with its reference, its lines with descriptions; found again by the reference
        String manualId = call(
                        HttpMethod.POST,
                        "/invoices",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("date", "2026-11-22")
                                .put("reference_number", "INST-1")
                                .put(
                                        "invoice_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "Installation")
                                                        .put("description", "Fibre installation")
                                                        .put("price", 150.0)
                                                        .put("quantity", 1))
                                                .add(new JsonObject()
                                                        .put("name", "Router")
                                                        .put("price", 49.5)
                                                        .put("quantity", 2))))
                .getJsonObject("invoice")
                .getString("invoice_id");
        call(HttpMethod.GET, "/invoices?customer_id=" + customerId + "&reference_number=INST-1", null);
        // applied in part to the manual invoice, the rest kept as the customer's credit; and one applied to none
        call(
                HttpMethod.POST,
                "/payments",
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("payment_mode", "creditcard")
                        .put("amount", 100.0)
                        .put("date", "2026-11-22")
                        .put("reference_number", "PAY-2")
                        .put(
                                "invoices",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("invoice_id", manualId)
                                                .put("amount_applied", 100.0))));
        call(
                HttpMethod.POST,
                "/payments",
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("payment_mode", "cash")
                        .put("amount", 30.0)
                        .put("date", "2026-11-22")
                        .put("reference_number", "PAY-CREDIT"));
        call(HttpMethod.GET, "/transactions?filter_by=TransactionType.PAYMENT&page=1&per_page=200", null);
        call(HttpMethod.GET, "/transactions?customer_id=" + customerId, null);

        JsonObject page = call(
                        HttpMethod.POST,
                        "/hostedpages/newsubscription",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("plan", new JsonObject().put("plan_code", "BASIC")))
                .getJsonObject("hostedpage");
        SandboxClient.send(client.web.get(URI.create(page.getString("url")).getPath()));
        call(HttpMethod.GET, "/hostedpages/" + page.getString("hostedpage_id"), null);
        call(
                HttpMethod.POST,
                "/hostedpages/updatesubscription",
                new JsonObject()
                        .put("subscription_id", subscriptionId)
                        .put("plan", new JsonObject().put("plan_code", "PRO")));

        JsonObject card = call(
                        HttpMethod.POST,
                        "/hostedpages/updatecard",
                        new JsonObject()
                                .put("subscription_id", subscriptionId)
                                .put("redirect_url", "https://platform.example/card-done"))
                .getJsonObject("hostedpage");
        assertThat(card.getString("url")).isNotBlank();
        call(HttpMethod.GET, "/hostedpages/" + card.getString("hostedpage_id"), null);

        JsonArray events = call(HttpMethod.GET, "/events", null).getJsonArray("events");
        call(HttpMethod.GET, "/events/" + events.getJsonObject(0).getString("event_id"), null);
        call(HttpMethod.POST, "/subscriptions/" + subscriptionId + "/cancel?cancel_at_end=true", null);
        call(HttpMethod.POST, "/subscriptions/" + subscriptionId + "/reactivate", null);
        call(HttpMethod.POST, "/subscriptions/" + subscriptionId + "/cancel?cancel_at_end=false", null);
        call(HttpMethod.POST, "/plans/PRO/markasinactive", null);
        call(HttpMethod.POST, "/plans/PRO/markasactive", null);
        call(HttpMethod.POST, "/addons/SEAT/markasinactive", null);
    }

    /** The product the plans belong to; created outside the contract, as Zoho's documents hold no products one. */
    private String product() {
        HttpResponse<Buffer> response = SandboxClient.send(
                client.billing(HttpMethod.POST, "/products", token), new JsonObject().put("name", "Contract Service"));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getJsonObject("product").getString("product_id");
    }

    private JsonObject call(HttpMethod method, String path, JsonObject body) {
        HttpResponse<Buffer> response = contract.send(client.billing(method, path, token), body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isBetween(200, 201);
        return response.bodyAsJsonObject();
    }
}
