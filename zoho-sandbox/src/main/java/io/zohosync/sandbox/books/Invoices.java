package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Books invoices (one made from an estimate marks it invoiced): numbering, pricing, the draft → sent → partially_paid/paid/overdue life (overdue judged on the sandbox
 * clock), void and back to draft; balances move when customer payments are applied.
 */
final class Invoices {
    private static final List<String> SORT_COLUMNS = List.of(
            "customer_name",
            "invoice_number",
            "date",
            "due_date",
            "total",
            "balance",
            "created_time",
            "last_modified_time");
    private static final String[] LIST_QUERY = {
        "invoice_number",
        "invoice_number_startswith",
        "invoice_number_contains",
        "item_name",
        "item_name_startswith",
        "item_name_contains",
        "item_id",
        "item_description",
        "item_description_startswith",
        "item_description_contains",
        "reference_number",
        "reference_number_startswith",
        "reference_number_contains",
        "date",
        "date_start",
        "date_end",
        "date_before",
        "date_after",
        "due_date",
        "due_date_start",
        "due_date_end",
        "due_date_before",
        "due_date_after",
        "status",
        "customer_id",
        "customer_name",
        "customer_name_startswith",
        "customer_name_contains",
        "email",
        "filter_by",
        "search_text",
        "sort_column",
        "sort_order",
        "response_option",
        "last_modified_time",
        "page",
        "per_page"
    };
    private static final String[] ROW_FIELDS = {
        "invoice_id",
        "customer_name",
        "customer_id",
        "status",
        "invoice_number",
        "reference_number",
        "date",
        "due_date",
        "currency_id",
        "currency_code",
        "total",
        "balance",
        "created_time",
        "last_modified_time",
        "is_emailed"
    };

    private final SalesDocuments documents;
    private final Estimates estimates;

    Invoices(SalesDocuments documents, Estimates estimates) {
        this.documents = documents;
        this.estimates = estimates;
    }

    void mount(ApiRoutes routes) {
        routes.add(
                        Operation.post(
                                ROOT + "/invoices",
                                "send",
                                "ignore_auto_number_generation",
                                "is_quick_create",
                                "batch_payments"),
                        this::create)
                .add(Operation.get(ROOT + "/invoices", LIST_QUERY), this::list)
                .add(Operation.get(ROOT + "/invoices/:invoice_id", "print", "accept"), this::get)
                .add(Operation.put(ROOT + "/invoices/:invoice_id", "ignore_auto_number_generation"), this::update)
                .add(Operation.delete(ROOT + "/invoices/:invoice_id"), this::delete)
                .add(Operation.form(ROOT + "/invoices/status/sent", "invoice_ids"), this::markAllSent)
                .add(Operation.action(ROOT + "/invoices/:invoice_id/status/sent"), this::markSent)
                .add(Operation.action(ROOT + "/invoices/:invoice_id/status/void"), this::markVoid)
                .add(Operation.action(ROOT + "/invoices/:invoice_id/status/draft"), this::markDraft);
    }

    JsonObject find(String id) {
        JsonObject invoice = documents.find(id);
        if (invoice != null) settle(invoice);
        return invoice;
    }

    /** Applies (positive) or takes back (negative) a payment amount and saves the invoice with its new balance and status. */
    void applyPayment(JsonObject invoice, double amount) {
        invoice.put("payment_made", Bodies.money(invoice.getDouble("payment_made") + amount));
        if (invoice.getString("status").equals("draft")) invoice.put("status", "sent");
        settle(invoice);
        documents.save(invoice);
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        String fromEstimate = body.getString("invoiced_estimate_id");
        if (!Bodies.blank(fromEstimate) && !estimates.exists(fromEstimate)) {
            ZohoReplies.invalid(rc, "invoiced_estimate_id");
            return;
        }
        JsonObject invoice = documents.create(rc, body);
        if (invoice == null) return;
        invoice.put("due_date", invoice.getString("due_date", invoice.getString("date")))
                .put("payment_terms", 0)
                .put("notes", invoice.getString("notes", ""))
                .put("terms", invoice.getString("terms", ""))
                .put("payment_terms_label", "Due on Receipt")
                .put("payment_made", 0.0)
                .put("credits_applied", 0.0)
                .put("write_off_amount", 0.0)
                .put("is_emailed", false)
                .put("allow_partial_payments", invoice.getBoolean("allow_partial_payments", true))
                .put(
                        "invoice_url",
                        "https://books.zoho.com/portal/sandbox/secure?CInvoiceID=" + invoice.getString("invoice_id"))
                .put("status", Bodies.flag(rc, "send") ? "sent" : "draft");
        settle(invoice);
        documents.save(invoice);
        if (!Bodies.blank(fromEstimate)) estimates.invoiced(fromEstimate);
        ZohoReplies.created(rc, "The invoice has been created.", "invoice", invoice);
    }

    private void update(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        JsonObject body = Bodies.json(rc);
        if (body.containsKey("invoice_number")
                && !body.getString("invoice_number", "").equals(invoice.getString("invoice_number"))
                && !Bodies.flag(rc, "ignore_auto_number_generation")) {
            body.remove("invoice_number");
        }
        JsonObject updated = documents.update(rc, invoice, body);
        if (updated == null) return;
        if (updated.getDouble("total") < updated.getDouble("payment_made")) {
            ZohoReplies.invalid(rc, "line_items");
            return;
        }
        settle(updated);
        documents.save(updated);
        ZohoReplies.ok(rc, "Invoice information has been updated.", "invoice", updated);
    }

    private void get(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        ZohoReplies.ok(rc, "success", "invoice", invoice);
    }

    private void delete(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        if (invoice.getDouble("payment_made") > 0) {
            ZohoReplies.error(
                    rc, 400, ZohoReplies.CODE_INVALID_VALUE, "Invoices with recorded payments cannot be deleted.");
            return;
        }
        documents.remove(invoice.getString("invoice_id"));
        ZohoReplies.ok(rc, "The invoice has been deleted.");
    }

    private void markSent(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        if (invoice.getString("status").equals("void")) {
            ZohoReplies.invalid(rc, "status");
            return;
        }
        if (invoice.getString("status").equals("draft")) invoice.put("status", "sent");
        changed(invoice);
        ZohoReplies.ok(rc, "Invoice status has been changed to Sent.");
    }

    /**
     * Marks several invoices sent at once: {@code invoice_ids=<id>,<id>} in a form body, as Zoho's web client and
     * zoho-ts send it (not in Zoho's API documents). All or nothing: an unknown or void invoice changes none.
     */
    private void markAllSent(RoutingContext rc) {
        String ids = rc.request().getFormAttribute("invoice_ids");
        if (Bodies.blank(ids)) {
            ZohoReplies.invalid(rc, "invoice_ids");
            return;
        }
        List<JsonObject> invoices = new ArrayList<>();
        for (String id : ids.split(",")) {
            JsonObject invoice = find(id.trim());
            if (invoice == null) {
                ZohoReplies.notFound(rc, "Invoice");
                return;
            }
            if (invoice.getString("status").equals("void")) {
                ZohoReplies.invalid(rc, "status");
                return;
            }
            invoices.add(invoice);
        }
        for (JsonObject invoice : invoices) {
            if (invoice.getString("status").equals("draft")) invoice.put("status", "sent");
            changed(invoice);
        }
        ZohoReplies.ok(rc, "Invoice status has been changed to Sent.");
    }

    private void markVoid(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        if (invoice.getDouble("payment_made") > 0) {
            ZohoReplies.error(
                    rc, 400, ZohoReplies.CODE_INVALID_VALUE, "Invoices with recorded payments cannot be voided.");
            return;
        }
        invoice.put("status", "void");
        changed(invoice);
        ZohoReplies.ok(rc, "Invoice status has been changed to Void.");
    }

    private void markDraft(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        if (!invoice.getString("status").equals("void")) {
            ZohoReplies.invalid(rc, "status");
            return;
        }
        invoice.put("status", "draft");
        changed(invoice);
        ZohoReplies.ok(rc, "Status of invoice changed from void to draft");
    }

    private void changed(JsonObject invoice) {
        settle(invoice);
        documents.touch(invoice);
    }

    private void list(RoutingContext rc) {
        String search = rc.request().getParam("search_text");
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject invoice : documents.all()) {
            settle(invoice);
            JsonObject row = new JsonObject();
            for (String field : ROW_FIELDS) row.put(field, invoice.getValue(field));
            if (matches(rc, invoice, search, filter)) rows.add(row);
        }
        ZohoReplies.list(
                rc,
                "invoices",
                Filters.sorted(rc, rows, SORT_COLUMNS, "created_time"),
                Filters.pageContext(rc, SORT_COLUMNS, "created_time")
                        .put("report_name", "Invoices")
                        .put("applied_filter", filter == null ? "Status.All" : filter));
    }

    private static boolean matches(RoutingContext rc, JsonObject invoice, String search, String filter) {
        String status = invoice.getString("status");
        return Filters.text(rc, "invoice_number", invoice.getString("invoice_number"))
                && Filters.text(rc, "reference_number", invoice.getString("reference_number"))
                && Filters.text(rc, "customer_name", invoice.getString("customer_name"))
                && Filters.exact(rc, "customer_id", invoice.getString("customer_id"))
                && Filters.exact(rc, "status", status)
                && Filters.exact(rc, "date", invoice.getString("date"))
                && Filters.exact(rc, "due_date", invoice.getString("due_date"))
                && Filters.dateRange(rc, "date", invoice.getString("date"))
                && Filters.dateRange(rc, "due_date", invoice.getString("due_date"))
                && (rc.request().getParam("item_id") == null
                        || invoice.getJsonArray("line_items").stream()
                                .anyMatch(line -> rc.request()
                                        .getParam("item_id")
                                        .equals(((JsonObject) line).getString("item_id"))))
                && (search == null
                        || (invoice.getString("invoice_number") + " " + invoice.getString("reference_number") + " "
                                        + invoice.getString("customer_name"))
                                .toLowerCase(Locale.ROOT)
                                .contains(search.toLowerCase(Locale.ROOT)))
                && (filter == null || filter.equals("Status.All") || statusFilter(filter, status));
    }

    private static boolean statusFilter(String filter, String status) {
        return switch (filter) {
            case "Status.Unpaid" -> List.of("sent", "overdue", "partially_paid").contains(status);
            case "Status.OverDue" -> status.equals("overdue");
            case "Status.PartiallyPaid" -> status.equals("partially_paid");
            default -> filter.equalsIgnoreCase("Status." + status);
        };
    }

    /** Recomputes balance and status: void and draft stay; otherwise paid, partially paid, overdue (past due date) or sent. */
    private void settle(JsonObject invoice) {
        String status = invoice.getString("status");
        double balance = Bodies.money(
                invoice.getDouble("total") - invoice.getDouble("payment_made") - invoice.getDouble("credits_applied"));
        invoice.put("balance", status.equals("void") ? 0.0 : balance);
        if (status.equals("void") || status.equals("draft")) return;
        if (balance <= 0) {
            invoice.put("status", "paid");
        } else if (invoice.getDouble("payment_made") > 0) {
            invoice.put("status", "partially_paid");
        } else if (invoice.getString("due_date").compareTo(documents.today()) < 0) {
            invoice.put("status", "overdue");
        } else {
            invoice.put("status", "sent");
        }
    }
}
