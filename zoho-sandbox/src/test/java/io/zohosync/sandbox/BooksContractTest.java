package io.zohosync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract test: drives every Books operation the sandbox serves and validates each request and response against
 * Zoho's own OpenAPI documents, read from {@code $ZOHO_OPENAPI_DIR/books} (skipped when the variable is unset).
 */
@ExtendWith(VertxExtension.class)
class BooksContractTest {
    private static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();

    static {
        DOCUMENTS.put("/contacts/contactpersons", "contact-persons.yml");
        DOCUMENTS.put("/contacts/[^/]+/contactpersons", "contact-persons.yml");
        DOCUMENTS.put("/contacts", "contacts.yml");
        DOCUMENTS.put("/invoices", "invoices.yml");
        DOCUMENTS.put("/customerpayments", "customer-payments.yml");
        DOCUMENTS.put("/creditnotes", "credit-notes.yml");
        DOCUMENTS.put("/items", "items.yml");
        DOCUMENTS.put("/estimates", "estimates.yml");
        DOCUMENTS.put("/settings/taxes", "taxes.yml");
        DOCUMENTS.put("/settings/taxgroups", "taxes.yml");
        DOCUMENTS.put("/organizations", "organizations.yml");
    }

    private SandboxClient client;
    private ZohoContract contract;
    private String token;

    @Test
    void everyBooksRequestAndResponseMatchesZohosDocuments(Vertx vertx) {
        Path folder = ZohoContract.documents("books").orElse(null);
        Assumptions.assumeTrue(
                folder != null,
                "ZOHO_OPENAPI_DIR is not set to a folder with Zoho's books/*.yml: Books contract tests skipped");
        contract = new ZohoContract(folder, BooksContractTest::document);
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        try {
            token = client.accessToken();
            runBooksFlow();
        } finally {
            client.close();
        }
        assertThat(contract.exchanges()).hasSizeGreaterThan(45);
        assertThat(contract.problems()).isEmpty();
    }

    private void runBooksFlow() {
        call(HttpMethod.GET, "/organizations", Map.of(), null);
        JsonObject tax = call(
                        HttpMethod.POST,
                        "/settings/taxes",
                        Map.of(),
                        new JsonObject().put("tax_name", "Sales Tax").put("tax_percentage", 8.25))
                .getJsonArray("tax")
                .getJsonObject(0);
        String taxId = tax.getString("tax_id");
        call(HttpMethod.GET, "/settings/taxes", Map.of(), null);
        call(HttpMethod.GET, "/settings/taxes/" + taxId, Map.of(), null);
        call(
                HttpMethod.PUT,
                "/settings/taxes/" + taxId,
                Map.of(),
                new JsonObject().put("tax_name", "Sales Tax").put("tax_percentage", 8.5));
        String cgst = call(
                        HttpMethod.POST,
                        "/settings/taxes",
                        Map.of(),
                        new JsonObject()
                                .put("tax_name", "CGST9")
                                .put("tax_percentage", 9)
                                .put("tax_specific_type", "cgst"))
                .getJsonArray("tax")
                .getJsonObject(0)
                .getString("tax_id");
        String sgst = call(
                        HttpMethod.POST,
                        "/settings/taxes",
                        Map.of(),
                        new JsonObject()
                                .put("tax_name", "SGST9")
                                .put("tax_percentage", 9)
                                .put("tax_specific_type", "sgst"))
                .getJsonArray("tax")
                .getJsonObject(0)
                .getString("tax_id");
        String groupId = call(
                        HttpMethod.POST,
                        "/settings/taxgroups",
                        Map.of(),
                        new JsonObject().put("tax_group_name", "GST18").put("taxes", cgst + "," + sgst))
                .getJsonObject("tax_group")
                .getString("tax_group_id");
        call(HttpMethod.GET, "/settings/taxgroups/" + groupId, Map.of(), null);

        JsonObject contact = call(
                        HttpMethod.POST,
                        "/contacts",
                        Map.of(),
                        new JsonObject()
                                .put("contact_name", "Bowman and Co")
                                .put("company_name", "Bowman and Co")
                                .put("notes", "sync:contract")
                                .put(
                                        "contact_persons",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("first_name", "Will")
                                                        .put("last_name", "Smith")
                                                        .put("email", "willsmith@bowmanfurniture.com"))))
                .getJsonObject("contact");
        String contactId = contact.getString("contact_id");
        call(HttpMethod.GET, "/contacts/" + contactId, Map.of(), null);
        call(HttpMethod.GET, "/contacts", Map.of("email", "willsmith@bowmanfurniture.com"), null);
        call(HttpMethod.GET, "/contacts", Map.of("search_text", "sync:contract", "page", "1", "per_page", "10"), null);
        call(
                HttpMethod.PUT,
                "/contacts/" + contactId,
                Map.of(),
                new JsonObject().put("contact_name", "Bowman and Co").put("notes", "updated"));

        JsonObject person = call(
                        HttpMethod.POST,
                        "/contacts/contactpersons",
                        Map.of(),
                        new JsonObject()
                                .put("contact_id", contactId)
                                .put("first_name", "Jane")
                                .put("email", "jane@bowmanfurniture.com"))
                .getJsonArray("contact_person")
                .getJsonObject(0);
        String personId = person.getString("contact_person_id");
        call(
                HttpMethod.PUT,
                "/contacts/contactpersons/" + personId,
                Map.of(),
                new JsonObject()
                        .put("contact_id", contactId)
                        .put("first_name", "Jane")
                        .put("last_name", "Doe"));
        call(HttpMethod.GET, "/contacts/" + contactId + "/contactpersons", Map.of(), null);
        call(HttpMethod.GET, "/contacts/" + contactId + "/contactpersons/" + personId, Map.of(), null);
        call(HttpMethod.POST, "/contacts/contactpersons/" + personId + "/primary", Map.of(), null);
        call(HttpMethod.DELETE, "/contacts/contactpersons/" + personId, Map.of(), null);

        String itemId = call(
                        HttpMethod.POST,
                        "/items",
                        Map.of(),
                        new JsonObject()
                                .put("name", "Hard Drive")
                                .put("rate", 120.0)
                                .put("sku", "HD-1")
                                .put("tax_id", taxId))
                .getJsonObject("item")
                .getString("item_id");
        call(HttpMethod.GET, "/items/" + itemId, Map.of(), null);
        call(HttpMethod.GET, "/items", Map.of("name_contains", "drive"), null);
        call(
                HttpMethod.PUT,
                "/items/" + itemId,
                Map.of(),
                new JsonObject().put("name", "Hard Drive").put("rate", 125.0));

        JsonObject invoice = call(
                        HttpMethod.POST,
                        "/invoices",
                        Map.of("ignore_auto_number_generation", "true"),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("invoice_number", "ORD-1001")
                                .put("reference_number", "ORDER-1001")
                                .put(
                                        "line_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("item_id", itemId)
                                                        .put("quantity", 2))))
                .getJsonObject("invoice");
        String invoiceId = invoice.getString("invoice_id");
        call(HttpMethod.GET, "/invoices/" + invoiceId, Map.of(), null);
        call(HttpMethod.GET, "/invoices", Map.of("reference_number", "ORDER-1001"), null);
        call(
                HttpMethod.PUT,
                "/invoices/" + invoiceId,
                Map.of(),
                new JsonObject()
                        .put("customer_id", contactId)
                        .put("notes", "thanks")
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("item_id", itemId)
                                                .put("quantity", 3))));
        call(HttpMethod.POST, "/invoices/" + invoiceId + "/status/sent", Map.of(), null);

        JsonObject payment = call(
                        HttpMethod.POST,
                        "/customerpayments",
                        Map.of(),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("payment_mode", "banktransfer")
                                .put("amount", 100.0)
                                .put("date", "2026-01-15")
                                .put("reference_number", "PAY-1001")
                                .put(
                                        "invoices",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("invoice_id", invoiceId)
                                                        .put("amount_applied", 100.0))))
                .getJsonObject("payment");
        String paymentId = payment.getString("payment_id");
        call(HttpMethod.GET, "/customerpayments/" + paymentId, Map.of(), null);
        call(HttpMethod.GET, "/customerpayments", Map.of("reference_number", "PAY-1001"), null);
        call(
                HttpMethod.PUT,
                "/customerpayments/" + paymentId,
                Map.of(),
                new JsonObject()
                        .put("customer_id", contactId)
                        .put("payment_mode", "banktransfer")
                        .put("amount", 150.0)
                        .put("date", "2026-01-15")
                        .put(
                                "invoices",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("invoice_id", invoiceId)
                                                .put("amount_applied", 150.0))));
        call(HttpMethod.DELETE, "/customerpayments/" + paymentId, Map.of(), null);

        String voided = call(
                        HttpMethod.POST,
                        "/invoices",
                        Map.of(),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put(
                                        "line_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("item_id", itemId)
                                                        .put("rate", 50.0))))
                .getJsonObject("invoice")
                .getString("invoice_id");
        call(HttpMethod.POST, "/invoices/" + voided + "/status/void", Map.of(), null);
        call(HttpMethod.POST, "/invoices/" + voided + "/status/draft", Map.of(), null);
        call(HttpMethod.DELETE, "/invoices/" + voided, Map.of(), null);

        String estimateId = call(
                        HttpMethod.POST,
                        "/estimates",
                        Map.of(),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("reference_number", "QUOTE-7")
                                .put("line_items", new JsonArray().add(new JsonObject().put("item_id", itemId))))
                .getJsonObject("estimate")
                .getString("estimate_id");
        call(HttpMethod.GET, "/estimates/" + estimateId, Map.of(), null);
        call(HttpMethod.GET, "/estimates", Map.of("reference_number", "QUOTE-7"), null);
        call(
                HttpMethod.PUT,
                "/estimates/" + estimateId,
                Map.of(),
                new JsonObject()
                        .put("customer_id", contactId)
                        .put(
                                "line_items",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("item_id", itemId)
                                                .put("quantity", 4))));
        call(HttpMethod.POST, "/estimates/" + estimateId + "/status/sent", Map.of(), null);
        call(HttpMethod.POST, "/estimates/" + estimateId + "/status/accepted", Map.of(), null);
        call(HttpMethod.POST, "/estimates/" + estimateId + "/status/declined", Map.of(), null);
        call(HttpMethod.DELETE, "/estimates/" + estimateId, Map.of(), null);

        runRefundsFlow(contactId, itemId);

        call(HttpMethod.POST, "/items/" + itemId + "/inactive", Map.of(), null);
        call(HttpMethod.POST, "/items/" + itemId + "/active", Map.of(), null);
        call(HttpMethod.POST, "/contacts/" + contactId + "/inactive", Map.of(), null);
        call(HttpMethod.POST, "/contacts/" + contactId + "/active", Map.of(), null);
        call(HttpMethod.DELETE, "/items/" + itemId, Map.of(), null);
        call(HttpMethod.DELETE, "/settings/taxes/" + taxId, Map.of(), null);
        call(HttpMethod.DELETE, "/invoices/" + invoiceId, Map.of(), null);
        call(HttpMethod.DELETE, "/contacts/" + contactId, Map.of(), null);
    }

    /** A paid invoice credited in full and refunded, a partial credit note voided, a payment's excess refunded. */
    private void runRefundsFlow(String contactId, String itemId) {
        JsonObject invoice = call(
                        HttpMethod.POST,
                        "/invoices",
                        Map.of("send", "true"),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("line_items", new JsonArray().add(new JsonObject().put("item_id", itemId))))
                .getJsonObject("invoice");
        String invoiceId = invoice.getString("invoice_id");
        double total = invoice.getDouble("total");
        JsonObject overpaid = call(
                        HttpMethod.POST,
                        "/customerpayments",
                        Map.of(),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("payment_mode", "creditcard")
                                .put("amount", total + 20)
                                .put("date", "2026-01-16")
                                .put("reference_number", "pi_contract")
                                .put(
                                        "invoices",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("invoice_id", invoiceId)
                                                        .put("amount_applied", total))))
                .getJsonObject("payment");
        String paymentId = overpaid.getString("payment_id");
        JsonObject refund = new JsonObject()
                .put("date", "2026-01-17")
                .put("amount", 20.0)
                .put("refund_mode", "creditcard")
                .put("reference_number", "re_contract")
                .put("from_account_id", overpaid.getString("account_id"))
                .put("description", "Refund of the excess");
        String paymentRefundId = call(HttpMethod.POST, "/customerpayments/" + paymentId + "/refunds", Map.of(), refund)
                .getJsonArray("payment_refunds")
                .getJsonObject(0)
                .getString("payment_refund_id");
        call(HttpMethod.GET, "/customerpayments/" + paymentId + "/refunds", Map.of(), null);
        call(HttpMethod.GET, "/customerpayments/" + paymentId + "/refunds/" + paymentRefundId, Map.of(), null);
        call(HttpMethod.GET, "/customerpayments/" + paymentId, Map.of(), null);

        String lineId = invoice.getJsonArray("line_items").getJsonObject(0).getString("line_item_id");
        String noteId = call(
                        HttpMethod.POST,
                        "/creditnotes",
                        Map.of("invoice_id", invoiceId, "ignore_auto_number_generation", "true"),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("date", "2026-01-18")
                                .put("creditnote_number", "RF-contract")
                                .put("reference_number", "re_contract_2")
                                .put(
                                        "line_items",
                                        new JsonArray().add(new JsonObject().put("invoice_item_id", lineId))))
                .getJsonObject("creditnote")
                .getString("creditnote_id");
        call(HttpMethod.GET, "/creditnotes", Map.of("creditnote_number", "RF-contract"), null);
        call(HttpMethod.GET, "/creditnotes/" + noteId, Map.of(), null);
        String noteRefundId = call(
                        HttpMethod.POST,
                        "/creditnotes/" + noteId + "/refunds",
                        Map.of(),
                        refund.copy().put("amount", total).put("reference_number", "re_contract_2"))
                .getJsonObject("creditnote_refund")
                .getString("creditnote_refund_id");
        call(HttpMethod.GET, "/creditnotes/" + noteId + "/refunds", Map.of(), null);
        call(HttpMethod.GET, "/creditnotes/" + noteId + "/refunds/" + noteRefundId, Map.of(), null);
        call(HttpMethod.GET, "/creditnotes/refunds", Map.of("customer_id", contactId), null);

        String partialId = call(
                        HttpMethod.POST,
                        "/creditnotes",
                        Map.of(),
                        new JsonObject()
                                .put("customer_id", contactId)
                                .put("date", "2026-01-18")
                                .put("creditnote_number", "CN-unused")
                                .put(
                                        "line_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("name", "Goodwill")
                                                        .put("rate", 5.5)
                                                        .put("quantity", 1))))
                .getJsonObject("creditnote")
                .getString("creditnote_id");
        call(HttpMethod.POST, "/creditnotes/" + partialId + "/status/void", Map.of(), null);
    }

    private JsonObject call(HttpMethod method, String path, Map<String, String> query, JsonObject body) {
        HttpRequest<Buffer> request = client.books(method, path, token);
        query.forEach(request::addQueryParam);
        HttpResponse<Buffer> response = contract.send(request, body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.bodyAsString())
                .isBetween(200, 201);
        return response.bodyAsJsonObject();
    }

    private static String document(String path) {
        String relative = path.substring("/books/v3".length());
        return DOCUMENTS.entrySet().stream()
                .filter(e -> relative.matches(e.getKey() + "(/.*)?"))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new IllegalArgumentException("no Zoho document for " + path));
    }
}
