package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxOptions;
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
 * Orders through HTTP, Postgres, the worker and the Books sandbox: an order sent before its customer and item
 * waits for them and becomes one Books invoice numbered with the order's id, pointing at the customer's
 * contact and the item, with the VAT the domain computes; a changed order updates the same invoice.
 */
@ExtendWith(VertxExtension.class)
class OrderFlowEndToEndTest {

    private static Vertx vertx;
    private static RunningService service;
    private static ZohoSandbox zoho;
    private static WebClient http;

    @BeforeAll
    static void start(Vertx v) throws Exception {
        vertx = v;
        service = RunningService.start(v, "orders", Map.of());
        zoho = service.zoho;
        http = service.http;
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop();
    }

    @Test
    void an_order_before_its_customer_and_item_waits_then_becomes_one_invoice_with_its_number_links_and_tax()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String orderId = "ENR-" + suffix;
        String customerId = "cus-" + suffix;
        String sku = "YOGA-" + suffix;
        Map<String, Integer> before = zoho.inspect().calls();

        HttpResponse<Buffer> accepted = await(service.put("orders", orderId, order(customerId, sku, "2")));
        assertThat(accepted.statusCode()).isEqualTo(202);
        service.awaitStatus("orders", orderId, "waiting");
        assertThat(invoices(orderId)).as("nothing written while it waits").isEmpty();

        assertThat(await(service.put("items", sku, item())).statusCode()).isEqualTo(202);
        assertThat(await(http.post("/api/v1/customers")
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .sendJsonObject(customer(customerId)))
                        .statusCode())
                .isEqualTo(202);

        JsonObject synced = service.awaitStatus("orders", orderId, "synced");
        String contactId =
                service.awaitStatus("customers", customerId, "synced").getString("zoho_id");
        String itemId = service.awaitStatus("items", sku, "synced").getString("zoho_id");
        List<SandboxRecord> held = invoices(orderId);
        assertThat(held).hasSize(1);
        JsonObject invoice = held.get(0).body();
        assertThat(invoice.getString("invoice_id")).isEqualTo(synced.getString("zoho_id"));
        assertThat(invoice.getString("invoice_number")).isEqualTo(orderId);
        assertThat(invoice.getString("reference_number")).isEqualTo(orderId);
        assertThat(invoice.getString("customer_id")).isEqualTo(contactId);
        JsonObject line = invoice.getJsonArray("line_items").getJsonObject(0);
        assertThat(line.getString("item_id")).isEqualTo(itemId);
        // 2 × 250.00 − 10 % = 450.00; VAT 15 % = 67.50
        assertThat(invoice.getDouble("sub_total")).isEqualTo(450.00);
        assertThat(invoice.getDouble("tax_total")).isEqualTo(67.50);
        assertThat(invoice.getDouble("total")).isEqualTo(517.50);
        assertThat(line.getString("tax_name")).isEqualTo("VAT 15%");
        // the order's own Zoho calls: the taxes listed and VAT 15% created once, then the invoice created once
        assertThat(service.callsSince(before, "GET /books/v3/settings/taxes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/settings/taxes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/invoices")).isEqualTo(1);

        assertThat(await(service.put("orders", orderId, order(customerId, sku, "3")))
                        .statusCode())
                .isEqualTo(202);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (invoices(orderId).get(0).body().getDouble("total") != 776.25
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        service.awaitStatus("orders", orderId, "synced");
        assertThat(invoices(orderId))
                .singleElement()
                .satisfies(r -> assertThat(r.body().getDouble("total")).isEqualTo(776.25))
                .satisfies(r -> assertThat(r.body().getString("invoice_id")).isEqualTo(synced.getString("zoho_id")));
        // the change: the invoice read for its status, then updated; the taxes are known by now
        assertThat(service.callsSince(before, "GET /books/v3/invoices/{invoice_id}"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "PUT /books/v3/invoices/{invoice_id}"))
                .isEqualTo(1);
        assertThat(service.callsSince(before, "GET /books/v3/settings/taxes")).isEqualTo(1);
        assertThat(service.callsSince(before, "POST /books/v3/invoices")).isEqualTo(1);
    }

    @Test
    void an_intra_state_gst_order_takes_the_books_tax_group_and_an_inter_state_one_the_igst_tax_of_its_rate()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "gst-" + suffix;
        String sku = "COURSE-" + suffix;
        String groupId = taxGroupInBooks("GST18-" + suffix, "CGST9-" + suffix, "SGST9-" + suffix);
        await(service.put("items", sku, item()));
        zoho.control().baseCurrency("INR"); // an Indian customer's contact bills in rupees
        try {
            await(http.post("/api/v1/customers")
                    .bearerTokenAuthentication(TestEnvironment.API_KEY)
                    .sendJsonObject(customer(customerId)));
            service.awaitStatus("customers", customerId, "synced");
        } finally {
            zoho.control().baseCurrency("ZAR");
        }

        await(service.put("orders", "IN-" + suffix, gstOrder(customerId, sku, "TN")));
        await(service.put("orders", "OUT-" + suffix, gstOrder(customerId, sku, "KA")));
        service.awaitStatus("orders", "IN-" + suffix, "synced");
        service.awaitStatus("orders", "OUT-" + suffix, "synced");

        // 9 % of 1000.55 is 90.0495: CGST and SGST each round to 90.05; IGST at 18 % is 180.099, so 180.10
        JsonObject intra = invoices("IN-" + suffix).get(0).body();
        assertThat(intra.getJsonArray("line_items").getJsonObject(0).getString("tax_id"))
                .isEqualTo(groupId);
        assertThat(intra.getString("place_of_supply")).isEqualTo("TN");
        assertThat(intra.getJsonArray("taxes").stream()
                        .map(t -> ((JsonObject) t).getString("tax_name") + " "
                                + ((JsonObject) t).getDouble("tax_amount")))
                .containsExactly("CGST9-" + suffix + " 90.05", "SGST9-" + suffix + " 90.05");
        assertThat(intra.getDouble("total")).isEqualTo(1180.65);
        JsonObject inter = invoices("OUT-" + suffix).get(0).body();
        assertThat(inter.getJsonArray("line_items").getJsonObject(0).getString("tax_name"))
                .isEqualTo("IGST 18%");
        assertThat(inter.getDouble("tax_total")).isEqualTo(180.10);
        assertThat(inter.getDouble("total")).isEqualTo(1180.65);
    }

    @Test
    void an_order_or_payment_in_another_currency_than_its_customers_fails_with_the_reason_and_writes_nothing()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = "cur-" + suffix;
        String sku = "YOGA-" + suffix;
        await(service.put("items", sku, item()));
        await(http.post("/api/v1/customers")
                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                .sendJsonObject(customer(customerId)));
        await(service.put("orders", "RAND-" + suffix, order(customerId, sku, "1")));
        service.awaitStatus("orders", "RAND-" + suffix, "synced");
        Map<String, Integer> before = zoho.inspect().calls();

        await(service.put("orders", "USD-" + suffix, order(customerId, sku, "1").put("currency", "USD")));
        await(service.put(
                "payments",
                "PAY-" + suffix,
                new JsonObject()
                        .put("customer_id", customerId)
                        .put("invoice_id", "RAND-" + suffix)
                        .put("amount", "100.00")
                        .put("currency", "USD")
                        .put("date", "2026-03-02")
                        .put("method", "card")));

        JsonObject order = service.awaitStatus("orders", "USD-" + suffix, "failed");
        assertThat(order.getString("last_error"))
                .contains(
                        "customer " + customerId + " is billed in ZAR in Books", "order USD-" + suffix + " is in USD");
        JsonObject payment = service.awaitStatus("payments", "PAY-" + suffix, "failed");
        assertThat(payment.getString("last_error"))
                .contains("payment PAY-" + suffix + " is in USD", "order RAND-" + suffix + " it pays is in ZAR");
        assertThat(invoices("USD-" + suffix)).isEmpty();
        // the contact's currency was read when the first order was written; neither refusal made a call
        assertThat(service.callsSince(before, "POST /books/v3/invoices")).isZero();
        assertThat(service.callsSince(before, "POST /books/v3/customerpayments"))
                .isZero();
        assertThat(service.callsSince(before, "GET /books/v3/contacts/{contact_id}"))
                .isZero();
    }

    @Test
    void a_broken_order_is_refused_naming_each_field_and_nothing_is_stored() throws Exception {
        String orderId = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject body = new JsonObject()
                .put("customer_id", "cus-x")
                .put("date", "2026-13-01")
                .put("currency", "ZAR")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", "YOGA")
                                        .put("quantity", "1")
                                        .put("rate", "250.005")));

        service.assertRefused("orders", orderId, body, "date", "line_items[0].rate");
    }

    private static JsonObject order(String customerId, String sku, String quantity) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("date", "2026-03-01")
                .put("currency", "ZAR")
                .put("tax", new JsonObject().put("scheme", "single").put("name", "VAT"))
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", sku)
                                        .put("quantity", quantity)
                                        .put("rate", "250.00")
                                        .put("discount_percent", "10")
                                        .put("tax_percentage", "15")));
    }

    private static JsonObject gstOrder(String customerId, String sku, String placeOfSupply) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("date", "2026-03-01")
                .put("currency", "INR")
                .put(
                        "tax",
                        new JsonObject()
                                .put("scheme", "gst")
                                .put("organization_state", "TN")
                                .put("place_of_supply", placeOfSupply))
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("item_id", sku)
                                        .put("quantity", "1")
                                        .put("rate", "1000.55")
                                        .put("tax_percentage", "18")));
    }

    /** What an admin sets up in Books once: CGST 9 % and SGST 9 % and their group; the group's id. */
    private static String taxGroupInBooks(String group, String cgst, String sgst) throws Exception {
        WebClient books = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(zoho.port()));
        String token = await(books.post("/oauth/v2/token")
                        .sendForm(MultiMap.caseInsensitiveMultiMap()
                                .add("grant_type", "refresh_token")
                                .add("client_id", SandboxOptions.DEMO_CLIENT_ID)
                                .add("client_secret", SandboxOptions.DEMO_CLIENT_SECRET)
                                .add("refresh_token", SandboxOptions.DEMO_REFRESH_TOKEN)))
                .bodyAsJsonObject()
                .getString("access_token");
        List<String> ids = new java.util.ArrayList<>();
        for (String name : List.of(cgst, sgst)) {
            ids.add(await(books.post("/books/v3/settings/taxes")
                            .putHeader("Authorization", "Zoho-oauthtoken " + token)
                            .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                            .sendJsonObject(new JsonObject()
                                    .put("tax_name", name)
                                    .put("tax_percentage", 9)
                                    .put(
                                            "tax_specific_type",
                                            name.substring(0, 4).toLowerCase(java.util.Locale.ROOT))))
                    .bodyAsJsonObject()
                    .getJsonArray("tax")
                    .getJsonObject(0)
                    .getString("tax_id"));
        }
        String id = await(books.post("/books/v3/settings/taxgroups")
                        .putHeader("Authorization", "Zoho-oauthtoken " + token)
                        .addQueryParam("organization_id", SandboxOptions.DEMO_ORGANIZATION_ID)
                        .sendJsonObject(
                                new JsonObject().put("tax_group_name", group).put("taxes", String.join(",", ids))))
                .bodyAsJsonObject()
                .getJsonObject("tax_group")
                .getString("tax_group_id");
        books.close();
        return id;
    }

    private static JsonObject item() {
        return new JsonObject().put("name", "Yoga").put("rate", "250.00").put("currency", "ZAR");
    }

    private static JsonObject customer(String id) {
        return new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Lovelace")
                .put("email", id + "@example.com");
    }

    private static List<SandboxRecord> invoices(String number) {
        return zoho.inspect().recordsFor(number).stream()
                .filter(r -> r.entity().equals("invoices"))
                .toList();
    }
}
