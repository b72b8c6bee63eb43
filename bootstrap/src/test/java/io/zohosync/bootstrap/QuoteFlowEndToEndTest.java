package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
 * Quotes through HTTP, Postgres, the worker and the Books sandbox: a quote sent before its customer and item waits
 * for them and becomes one Books estimate numbered with the quote's id, with the VAT an order would get; a quote
 * accepted later is marked sent and accepted in Books; a broken quote is refused naming its fields.
 */
@ExtendWith(VertxExtension.class)
class QuoteFlowEndToEndTest {

    private static Vertx vertx;
    private static RunningService service;
    private static ZohoSandbox zoho;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx v) throws Exception {
        vertx = v;
        service = RunningService.start(v, "quotes", Map.of());
        zoho = service.zoho;
        http = service.http;
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void a_quote_waits_for_its_customer_and_item_becomes_one_estimate_and_its_acceptance_follows() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String quoteId = "Q-" + suffix;
        String customerId = "b2b-" + suffix;
        String sku = "DESK-" + suffix;
        Map<String, Integer> before = zoho.inspect().calls();

        assertThat(await(service.put("quotes", quoteId, quote(customerId, sku, "sent")))
                        .statusCode())
                .isEqualTo(202);
        service.awaitStatus("quotes", quoteId, "waiting");
        assertThat(estimates(quoteId)).as("nothing written while it waits").isEmpty();

        assertThat(await(service.put("items", sku, item())).statusCode()).isEqualTo(202);
        assertThat(await(http.post("/api/v1/customers")
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .sendJsonObject(customer(customerId)))
                        .statusCode())
                .isEqualTo(202);

        JsonObject synced = service.awaitStatus("quotes", quoteId, "synced");
        String contactId =
                service.awaitStatus("customers", customerId, "synced").getString("zoho_id");
        String itemId = service.awaitStatus("items", sku, "synced").getString("zoho_id");
        List<SandboxRecord> held = estimates(quoteId);
        assertThat(held).hasSize(1);
        JsonObject estimate = held.get(0).body();
        assertThat(estimate.getString("estimate_id")).isEqualTo(synced.getString("zoho_id"));
        assertThat(estimate.getString("estimate_number")).isEqualTo(quoteId);
        assertThat(estimate.getString("reference_number")).isEqualTo(quoteId);
        assertThat(estimate.getString("customer_id")).isEqualTo(contactId);
        assertThat(estimate.getString("status")).isEqualTo("sent");
        JsonObject line = estimate.getJsonArray("line_items").getJsonObject(0);
        assertThat(line.getString("item_id")).isEqualTo(itemId);
        // 2 × 500.00 = 1000.00; VAT 15 % = 150.00
        assertThat(estimate.getDouble("sub_total")).isEqualTo(1000.00);
        assertThat(estimate.getDouble("tax_total")).isEqualTo(150.00);
        assertThat(estimate.getDouble("total")).isEqualTo(1150.00);
        assertThat(line.getString("tax_name")).isEqualTo("VAT 15%");
        // the quote's own Zoho calls: taxes listed and VAT 15% created once, the estimate created, then marked sent
        assertThat(service.callsSince(before, "GET /books/v3/settings/taxes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/settings/taxes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/estimates")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/estimates/{estimate_id}/status/sent"))
                .isEqualTo(1);

        assertThat(await(service.put("quotes", quoteId, quote(customerId, sku, "accepted")))
                        .statusCode())
                .isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"accepted".equals(estimates(quoteId).get(0).body().getString("status"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        service.awaitStatus("quotes", quoteId, "synced");
        assertThat(estimates(quoteId))
                .singleElement()
                .satisfies(r -> assertThat(r.body().getString("status")).isEqualTo("accepted"))
                .satisfies(r -> assertThat(r.body().getDouble("total")).isEqualTo(1150.00));
        // the acceptance: the estimate read for its status, updated, marked accepted; nothing created again
        assertThat(service.callsSince(before, "GET /books/v3/estimates/{estimate_id}"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "PUT /books/v3/estimates/{estimate_id}"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/estimates/{estimate_id}/status/accepted"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/estimates")).isEqualTo(1);
        assertThat(service.callsSince(before, "GET /books/v3/settings/taxes")).isEqualTo(1);
    }

    @Test
    void an_accepted_quote_is_invoiced_once_by_the_order_naming_it_and_a_second_order_for_it_fails_with_the_reason()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String quoteId = "QA-" + suffix;
        String customerId = "b2b-" + suffix;
        String sku = "DESK-" + suffix;
        await(service.put("items", sku, item()));
        await(http.post("/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(customer(customerId)));
        // the order arrives with its quote: it waits for the quote's estimate
        // untaxed, so as not to find the VAT the other test expects to create
        await(service.put("quotes", quoteId, untaxed(quote(customerId, sku, "accepted"))));
        await(service.put("orders", "ORD-" + suffix, order(customerId, sku, quoteId)));

        String invoiceId =
                service.awaitStatus("orders", "ORD-" + suffix, "synced").getString("zoho_id");
        String estimateId = service.awaitStatus("quotes", quoteId, "synced").getString("zoho_id");
        JsonObject invoice = zoho.inspect().recordsFor("ORD-" + suffix).stream()
                .filter(r -> r.entity().equals("invoices"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(invoice.getString("invoice_id")).isEqualTo(invoiceId);
        assertThat(invoice.getString("invoice_number")).isEqualTo("ORD-" + suffix);
        assertThat(invoice.getString("invoiced_estimate_id")).isEqualTo(estimateId);
        assertThat(estimates(quoteId))
                .singleElement()
                .satisfies(r -> assertThat(r.body().getString("status")).isEqualTo("invoiced"));
        Map<String, Integer> before = zoho.inspect().calls();

        await(service.put("orders", "ORD2-" + suffix, order(customerId, sku, quoteId)));

        JsonObject refused = service.awaitStatus("orders", "ORD2-" + suffix, "failed");
        assertThat(refused.getString("last_error"))
                .contains("quote " + quoteId + " is invoiced in Books already", "ORD2-" + suffix);
        assertThat(service.callsSince(before, "POST /books/v3/invoices")).isZero();
        assertThat(service.callsSince(before, "GET /books/v3/estimates/{estimate_id}"))
                .as("the estimate read to see it invoiced")
                .isEqualTo(1);
    }

    @Test
    void a_broken_quote_is_refused_naming_each_field_and_nothing_is_stored() throws Exception {
        String quoteId = "BADQ-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject body = new JsonObject()
                .put("customer_id", "cus-x")
                .put("date", "2026-03-01")
                .put("status", "won")
                .put("currency", "ZAR")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", "DESK")
                                        .put("quantity", "1")
                                        .put("rate", "250.005")));

        service.assertRefused("quotes", quoteId, body, "status", "line_items[0].rate");
    }

    private static JsonObject quote(String customerId, String sku, String status) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("date", "2026-03-01")
                .put("expiry_date", "2026-12-31")
                .put("status", status)
                .put("currency", "ZAR")
                .put("tax", new JsonObject().put("scheme", "single").put("name", "VAT"))
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", sku)
                                        .put("quantity", "2")
                                        .put("rate", "500.00")
                                        .put("tax_percentage", "15")));
    }

    private static JsonObject order(String customerId, String sku, String quoteId) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("quote_id", quoteId)
                .put("date", "2026-03-02")
                .put("currency", "ZAR")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", sku)
                                        .put("quantity", "2")
                                        .put("rate", "500.00")));
    }

    private static JsonObject untaxed(JsonObject document) {
        document.remove("tax");
        document.getJsonArray("line_items").forEach(line -> ((JsonObject) line).remove("tax_percentage"));
        return document;
    }

    private static JsonObject item() {
        return new JsonObject().put("name", "Desk").put("rate", "500.00").put("currency", "ZAR");
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("email", id + "@example.com");
    }

    private static List<SandboxRecord> estimates(String number) {
        return zoho.inspect().recordsFor(number).stream()
                .filter(r -> r.entity().equals("estimates"))
                .toList();
    }
}
