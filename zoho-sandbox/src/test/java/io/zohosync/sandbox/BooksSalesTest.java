package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BooksSalesTest {
    private SandboxClient client;
    private String token;
    private String customerId;
    private String itemId;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults());
        token = client.accessToken();
        customerId = ok(HttpMethod.POST, "/contacts", new JsonObject().put("contact_name", "Bowman and Co"))
                .getJsonObject("contact")
                .getString("contact_id");
        String taxId = ok(
                        HttpMethod.POST,
                        "/settings/taxes",
                        new JsonObject().put("tax_name", "VAT").put("tax_percentage", 10))
                .getJsonArray("tax")
                .getJsonObject(0)
                .getString("tax_id");
        itemId = ok(
                        HttpMethod.POST,
                        "/items",
                        new JsonObject()
                                .put("name", "Widget")
                                .put("rate", 50.0)
                                .put("sku", "W-1")
                                .put("tax_id", taxId))
                .getJsonObject("item")
                .getString("item_id");
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void invoicesArePricedFromItemsWithDiscountsAndTaxes() {
        JsonObject invoice = createInvoice(
                null,
                "REF-1",
                new JsonObject().put("item_id", itemId).put("quantity", 2).put("discount", "10%"));

        assertThat(invoice.getString("invoice_number")).isEqualTo("INV-000001");
        assertThat(invoice.getString("status")).isEqualTo("draft");
        assertThat(invoice.getDouble("sub_total")).isEqualTo(90.0);
        assertThat(invoice.getDouble("tax_total")).isEqualTo(9.0);
        assertThat(invoice.getDouble("total")).isEqualTo(99.0);
        assertThat(invoice.getDouble("balance")).isEqualTo(99.0);
        assertThat(invoice.getString("customer_name")).isEqualTo("Bowman and Co");
        assertThat(invoice.getJsonArray("line_items").getJsonObject(0).getString("line_item_id"))
                .matches("\\d{15}");
    }

    @Test
    void aLineIsRoundedToTheCentBeforeItsDiscountSoTheWholeRoundedLineMayBeTakenOff() {
        // 0.5 × 0.05 = 0.025, shown as 0.03: a discount of 0.03 takes the whole line, as Zoho prices it
        JsonObject invoice = createInvoice(
                null,
                "",
                new JsonObject()
                        .put("name", "Sample")
                        .put("rate", 0.05)
                        .put("quantity", 0.5)
                        .put("discount", 0.03));

        assertThat(invoice.getDouble("sub_total")).isEqualTo(0.0);
        assertThat(invoice.getJsonArray("line_items").getJsonObject(0).getDouble("discount_amount"))
                .isEqualTo(0.03);
    }

    @Test
    void aTaxGroupIsListedAmongTheTaxesAndPricedAsEachOfItsTaxes() {
        String cgst = taxId("CGST9", 9, "cgst");
        String sgst = taxId("SGST9", 9, "sgst");
        JsonObject group = ok(
                        HttpMethod.POST,
                        "/settings/taxgroups",
                        new JsonObject().put("tax_group_name", "GST18").put("taxes", cgst + "," + sgst))
                .getJsonObject("tax_group");
        assertThat(group.getDouble("tax_group_percentage")).isEqualTo(18.0);
        assertThat(ok(HttpMethod.GET, "/settings/taxes", null).getJsonArray("taxes").stream()
                        .map(JsonObject.class::cast)
                        .filter(t -> t.getString("tax_id").equals(group.getString("tax_group_id"))))
                .singleElement()
                .satisfies(t -> assertThat(t.getString("tax_type")).isEqualTo("tax_group"));

        JsonObject invoice = createInvoice(
                null,
                "",
                new JsonObject()
                        .put("name", "Course")
                        .put("rate", 1000.55)
                        .put("quantity", 1)
                        .put("tax_id", group.getString("tax_group_id")));

        // 9 % of 1000.55 is 90.0495: each tax rounds to 90.05 on its own
        assertThat(invoice.getJsonArray("taxes"))
                .containsExactly(
                        new JsonObject().put("tax_name", "CGST9").put("tax_amount", 90.05),
                        new JsonObject().put("tax_name", "SGST9").put("tax_amount", 90.05));
        assertThat(invoice.getDouble("tax_total")).isEqualTo(180.10);
        assertThat(invoice.getDouble("total")).isEqualTo(1180.65);
    }

    private String taxId(String name, double percentage, String specificType) {
        return ok(
                        HttpMethod.POST,
                        "/settings/taxes",
                        new JsonObject()
                                .put("tax_name", name)
                                .put("tax_percentage", percentage)
                                .put("tax_specific_type", specificType))
                .getJsonArray("tax")
                .getJsonObject(0)
                .getString("tax_id");
    }

    @Test
    void ownInvoiceNumbersMustBeGivenAndUnique() {
        JsonObject line = new JsonObject().put("item_id", itemId);
        createInvoice("ORD-1", "", line);

        HttpResponse<Buffer> duplicate =
                post("/invoices?ignore_auto_number_generation=true", invoiceBody("ord-1", "", line));
        HttpResponse<Buffer> missing =
                post("/invoices?ignore_auto_number_generation=true", invoiceBody(null, "", line));

        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.bodyAsJsonObject())
                .isEqualTo(
                        new JsonObject().put("code", 1001).put("message", "Invoice number \"ord-1\" already exists."));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.bodyAsJsonObject().getString("message"))
                .isEqualTo("Invalid value passed for invoice_number");
        assertThat(client.sandbox.inspect().recordsFor("ORD-1"))
                .singleElement()
                .satisfies(record -> assertThat(record.entity()).isEqualTo("invoices"));
    }

    @Test
    void referenceNumberFilterFindsTheInvoice() {
        createInvoice(null, "ORDER-42", new JsonObject().put("item_id", itemId));
        createInvoice(null, "ORDER-43", new JsonObject().put("item_id", itemId));

        JsonArray found = list("/invoices?reference_number=ORDER-42").getJsonArray("invoices");

        assertThat(found).hasSize(1);
        assertThat(found.getJsonObject(0).getString("reference_number")).isEqualTo("ORDER-42");
    }

    @Test
    void sentVoidAndBackToDraft() {
        String id =
                createInvoice(null, "", new JsonObject().put("item_id", itemId)).getString("invoice_id");

        assertThat(post("/invoices/" + id + "/status/sent", null)
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invoice status has been changed to Sent.");
        assertThat(invoice(id).getString("status")).isEqualTo("sent");
        assertThat(post("/invoices/" + id + "/status/void", null)
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invoice status has been changed to Void.");
        assertThat(invoice(id).getString("status")).isEqualTo("void");
        assertThat(invoice(id).getDouble("balance")).isZero();
        post("/invoices/" + id + "/status/draft", null);
        assertThat(invoice(id).getString("status")).isEqualTo("draft");
    }

    @Test
    void invoicesAreMarkedSentTogetherByAFormOfIdsAllOrNothing() {
        String first =
                createInvoice(null, "", new JsonObject().put("item_id", itemId)).getString("invoice_id");
        String second =
                createInvoice(null, "", new JsonObject().put("item_id", itemId)).getString("invoice_id");

        HttpResponse<Buffer> withUnknown = markSent(first + ",460000000000001");
        assertThat(withUnknown.statusCode()).isEqualTo(404);
        assertThat(withUnknown.bodyAsJsonObject().getInteger("code")).isEqualTo(1002);
        assertThat(invoice(first).getString("status")).as("nothing changed").isEqualTo("draft");

        HttpResponse<Buffer> sent = markSent(first + "," + second);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.bodyAsJsonObject().getString("message")).isEqualTo("Invoice status has been changed to Sent.");
        assertThat(invoice(first).getString("status")).isEqualTo("sent");
        assertThat(invoice(second).getString("status")).isEqualTo("sent");

        post("/invoices/" + second + "/status/void", null);
        assertThat(markSent(first + "," + second).statusCode())
                .as("a void invoice is not sent")
                .isEqualTo(400);
        assertThat(invoice(second).getString("status")).isEqualTo("void");
        assertThat(markSent("").bodyAsJsonObject().getString("message"))
                .isEqualTo("Invalid value passed for invoice_ids");
    }

    private HttpResponse<Buffer> markSent(String invoiceIds) {
        return await(client.books(HttpMethod.POST, "/invoices/status/sent", token)
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("invoice_ids", invoiceIds)));
    }

    @Test
    void paymentsMoveBalanceAndStatusAndCanBeFoundByReference() {
        String id = createInvoice(
                        null, "", new JsonObject().put("item_id", itemId).put("quantity", 2))
                .getString("invoice_id");
        post("/invoices/" + id + "/status/sent", null);

        HttpResponse<Buffer> first = post("/customerpayments", payment("PAY-1", 40.0, id, 40.0));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.bodyAsJsonObject().getString("message")).isEqualTo("The payment has been created.");
        assertThat(invoice(id).getString("status")).isEqualTo("partially_paid");
        assertThat(invoice(id).getDouble("balance")).isEqualTo(70.0);

        String secondId = ok(HttpMethod.POST, "/customerpayments", payment("PAY-2", 70.0, id, 70.0))
                .getJsonObject("payment")
                .getString("payment_id");
        assertThat(invoice(id).getString("status")).isEqualTo("paid");
        assertThat(invoice(id).getDouble("balance")).isZero();

        assertThat(list("/customerpayments?reference_number=PAY-2").getJsonArray("customer_payments"))
                .singleElement()
                .satisfies(row ->
                        assertThat(((JsonObject) row).getString("payment_id")).isEqualTo(secondId));
        assertThat(client.sandbox.inspect().recordsFor("PAY-1")).hasSize(1);

        send(client.books(HttpMethod.DELETE, "/customerpayments/" + secondId, token));
        assertThat(invoice(id).getString("status")).isEqualTo("partially_paid");
        assertThat(invoice(id).getDouble("balance")).isEqualTo(70.0);
    }

    @Test
    void overpayingAnInvoiceIsRefused() {
        String id =
                createInvoice(null, "", new JsonObject().put("item_id", itemId)).getString("invoice_id");

        HttpResponse<Buffer> refused = post("/customerpayments", payment("PAY-9", 100.0, id, 60.0));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(24016);
        assertThat(invoice(id).getDouble("balance")).isEqualTo(55.0);
    }

    @Test
    void sentInvoicePastItsDueDateIsOverdueOnTheSandboxClock() {
        String id =
                createInvoice(null, "", new JsonObject().put("item_id", itemId)).getString("invoice_id");
        post("/invoices/" + id + "/status/sent", null);

        client.sandbox.control().advanceClock(Duration.ofDays(2));
        token = client.accessToken();

        assertThat(invoice(id).getString("status")).isEqualTo("overdue");
        assertThat(list("/invoices?filter_by=Status.OverDue").getJsonArray("invoices"))
                .hasSize(1);
    }

    @Test
    void unknownInvoiceIs1002() {
        HttpResponse<Buffer> missing = send(client.books(HttpMethod.GET, "/invoices/460000000000001", token));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("code", 1002).put("message", "Invoice does not exist."));
    }

    @Test
    void estimatesGoFromDraftToSentToAcceptedAndExpire() {
        JsonObject estimate = ok(
                        HttpMethod.POST,
                        "/estimates",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("reference_number", "QUOTE-1")
                                .put("line_items", new JsonArray().add(new JsonObject().put("item_id", itemId))))
                .getJsonObject("estimate");
        String id = estimate.getString("estimate_id");
        assertThat(estimate.getString("estimate_number")).isEqualTo("EST-000001");
        assertThat(post("/estimates/" + id + "/status/accepted", null).statusCode())
                .isEqualTo(400);

        post("/estimates/" + id + "/status/sent", null);
        post("/estimates/" + id + "/status/accepted", null);
        assertThat(ok(HttpMethod.GET, "/estimates/" + id, null)
                        .getJsonObject("estimate")
                        .getString("status"))
                .isEqualTo("accepted");

        String expiring = ok(
                        HttpMethod.POST,
                        "/estimates?send=true",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("expiry_date", "2000-01-01")
                                .put("line_items", new JsonArray().add(new JsonObject().put("item_id", itemId))))
                .getJsonObject("estimate")
                .getString("estimate_id");
        assertThat(ok(HttpMethod.GET, "/estimates/" + expiring, null)
                        .getJsonObject("estimate")
                        .getString("status"))
                .isEqualTo("expired");
    }

    @Test
    void itemSkusAreUniqueAndOrganizationsNeedNoOrganizationId() {
        HttpResponse<Buffer> duplicate = post(
                "/items", new JsonObject().put("name", "Other").put("rate", 1).put("sku", "w-1"));
        HttpResponse<Buffer> organizations = await(client.web
                .get("/books/v3/organizations")
                .putHeader("Authorization", "Zoho-oauthtoken " + token)
                .send());

        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.bodyAsJsonObject().getInteger("code")).isEqualTo(1001);
        assertThat(organizations.statusCode()).isEqualTo(200);
        assertThat(organizations
                        .bodyAsJsonObject()
                        .getJsonArray("organizations")
                        .getJsonObject(0)
                        .getString("organization_id"))
                .isEqualTo(SandboxOptions.DEMO_ORGANIZATION_ID);
    }

    private JsonObject createInvoice(String number, String reference, JsonObject line) {
        String path = number == null ? "/invoices" : "/invoices?ignore_auto_number_generation=true";
        HttpResponse<Buffer> response = post(path, invoiceBody(number, reference, line));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getJsonObject("invoice");
    }

    private JsonObject invoiceBody(String number, String reference, JsonObject line) {
        JsonObject body = new JsonObject()
                .put("customer_id", customerId)
                .put("reference_number", reference)
                .put("line_items", new JsonArray().add(line));
        return number == null ? body : body.put("invoice_number", number);
    }

    private JsonObject payment(String reference, double amount, String invoiceId, double applied) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("payment_mode", "banktransfer")
                .put("amount", amount)
                .put("date", "2026-01-15")
                .put("reference_number", reference)
                .put(
                        "invoices",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("invoice_id", invoiceId)
                                        .put("amount_applied", applied)));
    }

    private JsonObject invoice(String id) {
        return ok(HttpMethod.GET, "/invoices/" + id, null).getJsonObject("invoice");
    }

    private JsonObject list(String pathAndQuery) {
        return ok(HttpMethod.GET, pathAndQuery, null);
    }

    private HttpResponse<Buffer> post(String pathAndQuery, JsonObject body) {
        return body == null
                ? send(client.books(HttpMethod.POST, pathAndQuery, token))
                : send(client.books(HttpMethod.POST, pathAndQuery, token), body);
    }

    private JsonObject ok(HttpMethod method, String pathAndQuery, JsonObject body) {
        HttpResponse<Buffer> response = body == null
                ? send(client.books(method, pathAndQuery, token))
                : send(client.books(method, pathAndQuery, token), body);
        assertThat(response.statusCode()).as(response.bodyAsString()).isIn(List.of(200, 201));
        return response.bodyAsJsonObject();
    }
}
