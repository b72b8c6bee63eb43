package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoRefunds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Zoho Books adapter for {@link ZohoRefunds}: {@code /customerpayments/{id}/refunds}, {@code /creditnotes} and
 * {@code /creditnotes/{id}/refunds}. Zoho's document answers a payment refund under a {@code payment_refunds} array and
 * lists refunds with {@code amount_fcy} rather than {@code amount}; both shapes are read.
 */
public final class BooksRefundsClient implements ZohoRefunds {

    private final ZohoApi api;

    public BooksRefundsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<RefundablePayment>> payment(String paymentId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/customerpayments/" + paymentId),
                r -> refundable(r.getJsonObject("payment")));
    }

    @Override
    public Future<ZohoOutcome<InvoiceToCredit>> invoice(String invoiceId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/invoices/" + invoiceId),
                r -> toCredit(r.getJsonObject("invoice")));
    }

    @Override
    public Future<ZohoOutcome<ZohoRefund>> refundPayment(String paymentId, RefundRequest refund) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/customerpayments/" + paymentId + "/refunds", body(refund)),
                r -> refund(single(r, "payment_refund"), "payment_refund_id"));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoRefund>>> paymentRefunds(String paymentId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/customerpayments/" + paymentId + "/refunds"),
                r -> refunds(r.getJsonArray("payment_refunds"), "payment_refund_id"));
    }

    /** A taken number is Zoho's duplicate; the credit note holding it is named when it carries our reference. */
    @Override
    public Future<ZohoOutcome<ZohoCreditNote>> createCreditNote(CreditNoteRequest note) {
        ZohoRequest request = ZohoRequest.post(ZohoProduct.BOOKS, "/creditnotes", body(note))
                .param("invoice_id", note.invoiceId())
                .param("ignore_auto_number_generation", true);
        return api.call(request, r -> creditNote(r.getJsonObject("creditnote")))
                .compose(o -> o instanceof ZohoOutcome.Duplicate<ZohoCreditNote> d
                        ? withExisting(note, d)
                        : Future.succeededFuture(o));
    }

    /** Zoho's filter is read as a search; only the credit notes numbered exactly so (as Zoho compares them, ignoring case) are kept. */
    @Override
    public Future<ZohoOutcome<List<ZohoCreditNote>>> findCreditNotes(String creditNoteNumber) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/creditnotes").param("creditnote_number", creditNoteNumber),
                r -> r.getJsonArray("creditnotes", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BooksRefundsClient::creditNote)
                        .filter(n -> creditNoteNumber.equalsIgnoreCase(n.creditNoteNumber()))
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<ZohoCreditNote>> creditNote(String creditNoteId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/creditnotes/" + creditNoteId),
                r -> creditNote(r.getJsonObject("creditnote")));
    }

    @Override
    public Future<ZohoOutcome<ZohoRefund>> refundCreditNote(String creditNoteId, RefundRequest refund) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/creditnotes/" + creditNoteId + "/refunds", body(refund)),
                r -> refund(single(r, "creditnote_refund"), "creditnote_refund_id"));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoRefund>>> creditNoteRefunds(String creditNoteId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/creditnotes/" + creditNoteId + "/refunds"),
                r -> refunds(r.getJsonArray("creditnote_refunds"), "creditnote_refund_id"));
    }

    private Future<ZohoOutcome<ZohoCreditNote>> withExisting(
            CreditNoteRequest note, ZohoOutcome.Duplicate<ZohoCreditNote> duplicate) {
        return findCreditNotes(note.creditNoteNumber())
                .map(o -> o instanceof ZohoOutcome.Success<List<ZohoCreditNote>> s
                                && s.value().size() == 1
                                && Objects.equals(
                                        note.referenceNumber(), s.value().get(0).referenceNumber())
                        ? new ZohoOutcome.Duplicate<>(Optional.of(s.value().get(0)), duplicate.message())
                        : duplicate);
    }

    private static JsonObject body(RefundRequest refund) {
        return ZohoJson.withoutNulls(new JsonObject()
                .put("date", refund.date().toString())
                .put("amount", refund.amount())
                .put("refund_mode", refund.refundMode())
                .put("reference_number", refund.referenceNumber())
                .put("from_account_id", refund.fromAccountId())
                .put("description", refund.description()));
    }

    private static JsonObject body(CreditNoteRequest note) {
        JsonArray lines = new JsonArray();
        for (CreditLine line : note.lines()) {
            lines.add(ZohoJson.withoutNulls(new JsonObject()
                    .put("invoice_item_id", line.invoiceLineId())
                    .put("item_id", line.itemId())
                    .put("name", line.name())
                    .put("description", line.description())
                    .put(
                            "quantity",
                            line.quantity() == null ? null : line.quantity().stripTrailingZeros())
                    .put("rate", line.rate())
                    .put("tax_id", line.taxId())));
        }
        return ZohoJson.withoutNulls(new JsonObject()
                .put("customer_id", note.customerId())
                .put("creditnote_number", note.creditNoteNumber())
                .put("reference_number", note.referenceNumber())
                .put("date", note.date().toString())
                .put("is_inclusive_tax", note.inclusiveTax())
                .put("line_items", lines)
                .put("notes", note.notes()));
    }

    private static RefundablePayment refundable(JsonObject p) {
        return new RefundablePayment(
                p.getString("payment_id"),
                p.getString("customer_id"),
                ZohoJson.blankToNull(p.getString("account_id")),
                p.getString("payment_mode"),
                p.getString("currency_code"),
                ZohoJson.decimal(p, "amount"),
                unused(p),
                p.getJsonArray("invoices", new JsonArray()).stream()
                        .map(i -> ((JsonObject) i).getString("invoice_id"))
                        .toList());
    }

    private static InvoiceToCredit toCredit(JsonObject i) {
        return new InvoiceToCredit(
                i.getString("invoice_id"),
                i.getString("customer_id"),
                ZohoJson.decimal(i, "total"),
                Boolean.TRUE.equals(i.getValue("is_inclusive_tax")),
                i.getJsonArray("line_items", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(l -> new InvoiceLine(
                                l.getString("line_item_id"),
                                ZohoJson.blankToNull(l.getString("item_id")),
                                l.getString("name"),
                                ZohoJson.decimal(l, "quantity"),
                                ZohoJson.blankToNull(l.getString("tax_id")),
                                ZohoJson.decimal(l, "tax_percentage"),
                                ZohoJson.decimal(l, "item_total")))
                        .toList());
    }

    static ZohoCreditNote creditNote(JsonObject n) {
        return new ZohoCreditNote(
                n.getString("creditnote_id"),
                n.getString("creditnote_number"),
                ZohoJson.blankToNull(n.getString("reference_number")),
                n.getString("customer_id"),
                n.getString("status"),
                ZohoJson.decimal(n, "total"),
                ZohoJson.decimal(n, "balance"));
    }

    /** The one refund an answer carries: an object under {@code key}, or the first of an array under {@code key + "s"}. */
    private static JsonObject single(JsonObject answer, String key) {
        JsonObject one = answer.getJsonObject(key);
        JsonArray many = answer.getJsonArray(key + "s");
        return one != null ? one : many != null && !many.isEmpty() ? many.getJsonObject(0) : new JsonObject();
    }

    private static List<ZohoRefund> refunds(JsonArray rows, String idField) {
        return rows == null
                ? List.of()
                : rows.stream()
                        .map(JsonObject.class::cast)
                        .map(r -> refund(r, idField))
                        .toList();
    }

    private static ZohoRefund refund(JsonObject r, String idField) {
        BigDecimal amount = ZohoJson.decimal(r, "amount");
        String date = ZohoJson.blankToNull(r.getString("date"));
        return new ZohoRefund(
                r.getString(idField),
                ZohoJson.blankToNull(r.getString("reference_number")),
                amount != null ? amount : ZohoJson.decimal(r, "amount_fcy"),
                date == null ? null : LocalDate.parse(date));
    }

    /**
     * The payment's {@code unused_amount}; Zoho's document does not list it, so without it: the amount less what is
     * applied to invoices and what was refunded already.
     */
    private static BigDecimal unused(JsonObject p) {
        BigDecimal unused = ZohoJson.decimal(p, "unused_amount");
        if (unused != null) {
            return unused;
        }
        BigDecimal left = ZohoJson.decimal(p, "amount");
        for (Object application : p.getJsonArray("invoices", new JsonArray())) {
            BigDecimal applied = ZohoJson.decimal((JsonObject) application, "amount_applied");
            left = left.subtract(applied == null ? BigDecimal.ZERO : applied);
        }
        BigDecimal refunded = ZohoJson.decimal(p, "amount_refunded");
        return refunded == null ? left : left.subtract(refunded);
    }
}
