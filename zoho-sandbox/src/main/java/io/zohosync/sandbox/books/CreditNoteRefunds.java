package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.math.BigDecimal;
import java.util.List;

/** Money paid back from an open credit note's balance: refunded, listed per credit note or for the organization, read. */
final class CreditNoteRefunds {
    static final String ENTITY = "creditnote_refunds";

    private static final List<String> SORT_COLUMNS = List.of(
            "refund_mode",
            "reference_number",
            "date",
            "creditnote_number",
            "customer_name",
            "amount_bcy",
            "amount_fcy");
    private static final String[] ROW_FIELDS = {
        "creditnote_refund_id",
        "creditnote_id",
        "date",
        "refund_mode",
        "reference_number",
        "creditnote_number",
        "customer_name",
        "description",
        "amount_bcy",
        "amount_fcy"
    };
    private static final String[] RECORD_FIELDS = {
        "creditnote_refund_id",
        "creditnote_id",
        "date",
        "refund_mode",
        "reference_number",
        "amount",
        "customer_name",
        "description"
    };

    private final Ledger ledger;
    private final CreditNotes creditNotes;

    CreditNoteRefunds(Ledger ledger, CreditNotes creditNotes) {
        this.ledger = ledger;
        this.creditNotes = creditNotes;
    }

    /** Mounted before the credit notes' own routes: {@code /creditnotes/refunds} is not a credit note id. */
    void mount(ApiRoutes routes) {
        routes.add(
                        Operation.get(ROOT + "/creditnotes/refunds", "customer_id", "sort_column", "page", "per_page"),
                        this::listAll)
                .add(Operation.post(ROOT + "/creditnotes/:creditnote_id/refunds"), this::refund)
                .add(Operation.get(ROOT + "/creditnotes/:creditnote_id/refunds", "page", "per_page"), this::list)
                .add(Operation.get(ROOT + "/creditnotes/:creditnote_id/refunds/:creditnote_refund_id"), this::get);
    }

    private void refund(RoutingContext rc) {
        JsonObject note = creditNotes.find(rc.pathParam("creditnote_id"));
        if (note == null) {
            ZohoReplies.notFound(rc, "Credit Note");
            return;
        }
        if (!note.getString("status").equals("open")
                && !note.getString("status").equals("closed")) {
            ZohoReplies.error(
                    rc,
                    400,
                    ZohoReplies.CODE_INVALID_VALUE,
                    "Credit notes in " + note.getString("status") + " status cannot be refunded.");
            return;
        }
        JsonObject body = Bodies.json(rc);
        BigDecimal amount = Refunds.checked(rc, body, Refunds.amount(note, "balance"), "the credit note's balance");
        if (amount == null) return;
        JsonObject refund = Refunds.record(body, amount)
                .put("creditnote_refund_id", ledger.newId())
                .put("creditnote_id", note.getString("creditnote_id"))
                .put("creditnote_number", note.getString("creditnote_number"))
                .put("customer_id", note.getString("customer_id"))
                .put("customer_name", note.getString("customer_name"));
        ledger.save(
                ENTITY,
                refund.getString("creditnote_refund_id"),
                refund,
                List.of(
                        refund.getString("creditnote_refund_id"),
                        refund.getString("creditnote_id"),
                        refund.getString("reference_number")),
                List.of(refund.getString("description")));
        creditNotes.refunded(note, amount);
        ZohoReplies.ok(rc, "The credit note amount is refunded successfully.", "creditnote_refund", view(refund));
    }

    private void list(RoutingContext rc) {
        JsonObject note = creditNotes.find(rc.pathParam("creditnote_id"));
        if (note == null) {
            ZohoReplies.notFound(rc, "Credit Note");
            return;
        }
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(r -> r.getString("creditnote_id").equals(note.getString("creditnote_id")))
                .map(CreditNoteRefunds::row)
                .toList();
        ZohoReplies.list(
                rc,
                "creditnote_refunds",
                Filters.sorted(rc, rows, SORT_COLUMNS, "date"),
                Filters.pageContext(rc, SORT_COLUMNS, "date").put("report_name", "Credit Notes Refund"));
    }

    private void listAll(RoutingContext rc) {
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(r -> Filters.exact(rc, "customer_id", r.getString("customer_id")))
                .map(CreditNoteRefunds::row)
                .toList();
        ZohoReplies.list(
                rc,
                "creditnote_refunds",
                Filters.sorted(rc, rows, SORT_COLUMNS, "date"),
                Filters.pageContext(rc, SORT_COLUMNS, "date").put("report_name", "Credit Notes Refund"));
    }

    private void get(RoutingContext rc) {
        JsonObject refund = ledger.find(ENTITY, rc.pathParam("creditnote_refund_id"));
        if (refund == null || !refund.getString("creditnote_id").equals(rc.pathParam("creditnote_id"))) {
            ZohoReplies.notFound(rc, "Refund");
            return;
        }
        ZohoReplies.ok(
                rc, "The refund of the credit note is displayed successfully.", "creditnote_refund", view(refund));
    }

    private static JsonObject row(JsonObject refund) {
        return Refunds.pick(refund, ROW_FIELDS);
    }

    private static JsonObject view(JsonObject refund) {
        return Refunds.pick(refund, RECORD_FIELDS);
    }
}
