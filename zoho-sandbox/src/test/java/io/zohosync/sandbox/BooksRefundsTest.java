package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Books refunds: credit notes against invoices and their refunds, refunds of a payment's excess; balances and refusals. */
@ExtendWith(VertxExtension.class)
class BooksRefundsTest {
    private static final String ACCOUNT = "460000000000999";

    private SandboxClient client;
    private String token;
    private String customerId;
    private JsonObject invoice;

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
        String itemId = ok(
                        HttpMethod.POST,
                        "/items",
                        new JsonObject()
                                .put("name", "Widget")
                                .put("rate", 50.0)
                                .put("sku", "W-1")
                                .put("tax_id", taxId))
                .getJsonObject("item")
                .getString("item_id");
        // 2 × 50 − 10 % = 90 + 10 % tax, and 12.50 untaxed: 111.50
        invoice = ok(
                        HttpMethod.POST,
                        "/invoices",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put(
                                        "line_items",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("item_id", itemId)
                                                        .put("quantity", 2)
                                                        .put("discount", "10%"))
                                                .add(new JsonObject()
                                                        .put("name", "Shipping")
                                                        .put("rate", 12.5))))
                .getJsonObject("invoice");
        ok(HttpMethod.POST, "/customerpayments", payment("pi_1", 111.5, invoice.getString("invoice_id"), 111.5));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void aCreditNoteCopyingEveryInvoiceLineCreditsTheInvoiceTotalAndClosesWhenRefunded() {
        JsonObject note = creditNote("RF-1", "re_1", invoiceLines());

        assertThat(note.getString("status")).isEqualTo("open");
        assertThat(note.getDouble("total")).isEqualTo(111.5);
        assertThat(note.getJsonArray("taxes").getJsonObject(0).getDouble("tax_amount"))
                .isEqualTo(9.0);
        assertThat(note.getDouble("balance")).isEqualTo(111.5);
        assertThat(note.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo(invoice.getString("invoice_id"));
        assertThat(note.getJsonArray("line_items").getJsonObject(0).getString("item_id"))
                .isEqualTo(invoice.getJsonArray("line_items").getJsonObject(0).getString("item_id"));
        assertThat(note.getJsonArray("line_items").getJsonObject(0).getString("discount"))
                .isEqualTo("10%");

        JsonObject first =
                ok(HttpMethod.POST, noteRefunds(note), refund(100.0, "re_1")).getJsonObject("creditnote_refund");
        assertThat(get(note).getString("status")).isEqualTo("open");
        assertThat(get(note).getDouble("balance")).isEqualTo(11.5);
        ok(HttpMethod.POST, noteRefunds(note), refund(11.5, "re_1b"));

        assertThat(get(note).getString("status")).isEqualTo("closed");
        assertThat(get(note).getDouble("balance")).isEqualTo(0.0);
        assertThat(first.getDouble("amount")).isEqualTo(100.0);
        assertThat(ok(HttpMethod.GET, noteRefunds(note), null).getJsonArray("creditnote_refunds"))
                .extracting(r -> ((JsonObject) r).getString("reference_number"))
                .containsExactly("re_1", "re_1b");
        assertThat(ok(HttpMethod.GET, noteRefunds(note) + "/" + first.getString("creditnote_refund_id"), null)
                        .getJsonObject("creditnote_refund")
                        .getString("reference_number"))
                .isEqualTo("re_1");
        assertThat(client.sandbox.inspect().recordsFor(first.getString("creditnote_refund_id")))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.body().getString("from_account_id")).isEqualTo(ACCOUNT));
        assertThat(ok(HttpMethod.GET, "/creditnotes/refunds?customer_id=" + customerId, null)
                        .getJsonArray("creditnote_refunds"))
                .hasSize(2);
    }

    @Test
    void aPartialCreditNoteIsOneUntaxedLineAndItsRefundCannotExceedItsBalance() {
        JsonObject note = creditNote(
                "RF-2",
                "re_2",
                new JsonArray()
                        .add(new JsonObject()
                                .put("name", "Partial refund")
                                .put("rate", 20.25)
                                .put("quantity", 1)));
        assertThat(note.getDouble("total")).isEqualTo(20.25);
        assertThat(note.getJsonArray("taxes")).isEmpty();

        HttpResponse<Buffer> over = post(noteRefunds(note), refund(20.26, "re_2"));

        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.bodyAsJsonObject().getInteger("code")).isEqualTo(14);
        assertThat(over.bodyAsJsonObject().getString("message"))
                .startsWith("Invalid value passed for amount")
                .contains("20.25");
        assertThat(get(note).getDouble("balance")).isEqualTo(20.25);
        assertThat(client.sandbox.inspect().recordsFor("re_2")).singleElement(); // the credit note only
    }

    @Test
    void aTakenCreditNoteNumberIsZohosDuplicateAndStoresNothing() {
        creditNote("RF-3", "re_3", invoiceLines());

        HttpResponse<Buffer> again = post(
                "/creditnotes?ignore_auto_number_generation=true&invoice_id=" + invoice.getString("invoice_id"),
                creditNoteBody("rf-3", "re_3b", oneLine(1.0)));

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.bodyAsJsonObject().getInteger("code")).isEqualTo(12018);
        assertThat(again.bodyAsJsonObject().getString("message")).contains("already exists");
        assertThat(client.sandbox.inspect().recordsFor("re_3b")).isEmpty();
    }

    @Test
    void creditNotesAgainstAnInvoiceMayNotCreditMoreThanItsTotal() {
        creditNote("RF-4", "re_4", oneLine(100.0));

        HttpResponse<Buffer> beyond = post(
                "/creditnotes?ignore_auto_number_generation=true&invoice_id=" + invoice.getString("invoice_id"),
                creditNoteBody("RF-5", "re_5", oneLine(11.51)));

        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.bodyAsJsonObject().getInteger("code")).isEqualTo(14);
        assertThat(client.sandbox.inspect().recordsFor("RF-5")).isEmpty();
        assertThat(creditNote("RF-6", "re_6", oneLine(11.5)).getDouble("total")).isEqualTo(11.5);
    }

    @Test
    void anUnknownInvoiceLineOrAVoidedNoteIsRefused() {
        HttpResponse<Buffer> unknown = post(
                "/creditnotes?ignore_auto_number_generation=true&invoice_id=" + invoice.getString("invoice_id"),
                creditNoteBody("RF-7", "re_7", new JsonArray().add(new JsonObject().put("invoice_item_id", "1"))));
        assertThat(unknown.bodyAsJsonObject().getString("message"))
                .isEqualTo("Invalid value passed for invoice_item_id");

        JsonObject note = creditNote("RF-8", "re_8", oneLine(5.0));
        ok(HttpMethod.POST, "/creditnotes/" + note.getString("creditnote_id") + "/status/void", null);
        assertThat(get(note).getString("status")).isEqualTo("void");
        assertThat(post(noteRefunds(note), refund(1.0, "re_8")).statusCode()).isEqualTo(400);
    }

    @Test
    void creditNotesAreFoundByExactNumberReferenceAndCustomer() {
        creditNote("RF-10", "re_10", oneLine(1.0));
        creditNote("RF-100", "re_100", oneLine(1.0));

        assertThat(ok(HttpMethod.GET, "/creditnotes?creditnote_number=RF-10", null)
                        .getJsonArray("creditnotes"))
                .extracting(n -> ((JsonObject) n).getString("creditnote_number"))
                .containsExactly("RF-10");
        assertThat(ok(HttpMethod.GET, "/creditnotes?reference_number=re_100", null)
                        .getJsonArray("creditnotes"))
                .extracting(n -> ((JsonObject) n).getString("creditnote_number"))
                .containsExactly("RF-100");
        assertThat(ok(HttpMethod.GET, "/creditnotes?customer_id=" + customerId, null)
                        .getJsonArray("creditnotes"))
                .hasSize(2);
    }

    @Test
    void aPaymentsExcessIsRefundedFromItsUnusedAmountAndNoMore() {
        JsonObject payment = ok(
                        HttpMethod.POST,
                        "/customerpayments",
                        new JsonObject()
                                .put("customer_id", customerId)
                                .put("payment_mode", "creditcard")
                                .put("amount", 40.0)
                                .put("date", "2026-01-15")
                                .put("reference_number", "pi_2"))
                .getJsonObject("payment");
        String path = "/customerpayments/" + payment.getString("payment_id");
        assertThat(payment.getDouble("unused_amount")).isEqualTo(40.0);
        assertThat(payment.getString("account_id"))
                .as("a default deposit account")
                .matches("\\d+");

        JsonArray refunds =
                ok(HttpMethod.POST, path + "/refunds", refund(15.25, "re_p1")).getJsonArray("payment_refunds");
        HttpResponse<Buffer> over = post(path + "/refunds", refund(24.76, "re_p2"));

        assertThat(refunds.getJsonObject(0).getDouble("amount")).isEqualTo(15.25);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.bodyAsJsonObject().getInteger("code")).isEqualTo(14);
        JsonObject read = ok(HttpMethod.GET, path, null).getJsonObject("payment");
        assertThat(read.getDouble("unused_amount")).isEqualTo(24.75);
        assertThat(read.getDouble("amount_refunded")).isEqualTo(15.25);
        assertThat(ok(HttpMethod.GET, path + "/refunds", null).getJsonArray("payment_refunds"))
                .extracting(r -> ((JsonObject) r).getString("reference_number"))
                .containsExactly("re_p1");
        String refundId = refunds.getJsonObject(0).getString("payment_refund_id");
        assertThat(ok(HttpMethod.GET, path + "/refunds/" + refundId, null)
                        .getJsonArray("payment_refunds")
                        .getJsonObject(0)
                        .getDouble("amount"))
                .isEqualTo(15.25);
        assertThat(client.sandbox.inspect().recordsFor(refundId))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.body().getString("from_account_id")).isEqualTo(ACCOUNT));
        assertThat(post(path + "/refunds", refund(1.0, "re_p3").put("from_account_id", ""))
                        .bodyAsJsonObject()
                        .getString("message"))
                .isEqualTo("Invalid value passed for from_account_id");
        assertThat(send(client.books(HttpMethod.DELETE, path, token)).statusCode())
                .as("a refunded payment stays")
                .isEqualTo(400);
    }

    @Test
    void aPaymentAppliedInFullHasNothingToRefundDirectly() {
        JsonObject applied = ok(HttpMethod.GET, "/customerpayments?reference_number=pi_1", null)
                .getJsonArray("customer_payments")
                .getJsonObject(0);
        String path = "/customerpayments/" + applied.getString("payment_id");

        JsonObject payment = ok(HttpMethod.GET, path, null).getJsonObject("payment");

        assertThat(payment.getDouble("unused_amount")).isEqualTo(0.0);
        assertThat(payment.getString("payment_mode")).isEqualTo("banktransfer");
        assertThat(payment.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo(invoice.getString("invoice_id"));
        assertThat(post(path + "/refunds", refund(0.01, "re_x")).statusCode()).isEqualTo(400);
    }

    private JsonArray invoiceLines() {
        JsonArray lines = new JsonArray();
        for (Object line : invoice.getJsonArray("line_items")) {
            lines.add(new JsonObject().put("invoice_item_id", ((JsonObject) line).getString("line_item_id")));
        }
        return lines;
    }

    private static JsonArray oneLine(double rate) {
        return new JsonArray().add(new JsonObject().put("name", "Refund").put("rate", rate));
    }

    private JsonObject creditNote(String number, String reference, JsonArray lines) {
        HttpResponse<Buffer> response = post(
                "/creditnotes?ignore_auto_number_generation=true&invoice_id=" + invoice.getString("invoice_id"),
                creditNoteBody(number, reference, lines));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getJsonObject("creditnote");
    }

    private JsonObject creditNoteBody(String number, String reference, JsonArray lines) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("date", "2026-02-01")
                .put("creditnote_number", number)
                .put("reference_number", reference)
                .put("line_items", lines);
    }

    private JsonObject get(JsonObject note) {
        return ok(HttpMethod.GET, "/creditnotes/" + note.getString("creditnote_id"), null)
                .getJsonObject("creditnote");
    }

    private static String noteRefunds(JsonObject note) {
        return "/creditnotes/" + note.getString("creditnote_id") + "/refunds";
    }

    private static JsonObject refund(double amount, String reference) {
        return new JsonObject()
                .put("date", "2026-02-02")
                .put("amount", amount)
                .put("refund_mode", "creditcard")
                .put("reference_number", reference)
                .put("from_account_id", ACCOUNT);
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
