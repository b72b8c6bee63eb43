package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Books credit notes: raised for a customer, usually against an invoice ({@code invoice_id}), their lines priced like an
 * invoice's or copied from the invoice's lines ({@code invoice_item_id}); open while a balance is left to refund, closed
 * at zero, or void. Their refunds are {@link CreditNoteRefunds}.
 */
final class CreditNotes {
    static final String ENTITY = "creditnotes";
    /** Zoho Invoice's documented code for a taken number (zoho.com/invoice/api/v3/credit-notes); Books shares its backend. */
    static final int DUPLICATE_NUMBER = 12018;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> SORT_COLUMNS =
            List.of("customer_name", "creditnote_number", "balance", "total", "date", "created_time");
    private static final String[] LIST_QUERY = {
        "creditnote_number",
        "creditnote_number_startswith",
        "creditnote_number_contains",
        "date",
        "status",
        "total",
        "reference_number",
        "reference_number_startswith",
        "reference_number_contains",
        "customer_name",
        "customer_name_startswith",
        "customer_name_contains",
        "item_name",
        "customer_id",
        "item_description",
        "item_id",
        "line_item_id",
        "tax_id",
        "filter_by",
        "search_text",
        "sort_column",
        "sort_order",
        "page",
        "per_page"
    };
    private static final String[] ROW_FIELDS = {
        "creditnote_id",
        "creditnote_number",
        "status",
        "reference_number",
        "date",
        "total",
        "balance",
        "customer_id",
        "customer_name",
        "currency_id",
        "currency_code",
        "created_time",
        "last_modified_time"
    };

    /** What Zoho's document shows of a credit note and of its lines (totals, taxes and invoices aside, kept as they are). */
    private static final String[] VIEW_FIELDS = {
        "creditnote_id",
        "creditnote_number",
        "date",
        "status",
        "customer_id",
        "customer_name",
        "reference_number",
        "total",
        "balance",
        "invoices",
        "taxes",
        "currency_code",
        "created_time",
        "updated_time",
        "notes",
        "terms"
    };

    private static final String[] LINE_FIELDS = {
        "line_item_id", "item_id", "name", "description", "item_order", "rate", "quantity", "unit", "discount", "tax_id"
    };

    private final Ledger ledger;
    private final Contacts contacts;
    private final Invoices invoices;
    private final LineItems lineItems;

    CreditNotes(Ledger ledger, Contacts contacts, Invoices invoices, LineItems lineItems) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.invoices = invoices;
        this.lineItems = lineItems;
    }

    /** The routes of credit notes; {@code /creditnotes/refunds} (mounted by the refunds) must come before {@code /creditnotes/{id}}. */
    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/creditnotes", "invoice_id", "ignore_auto_number_generation"), this::create)
                .add(Operation.get(ROOT + "/creditnotes", LIST_QUERY), this::list)
                .add(Operation.get(ROOT + "/creditnotes/:creditnote_id", "print", "accept"), this::get)
                .add(Operation.action(ROOT + "/creditnotes/:creditnote_id/status/void"), this::markVoid);
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    /** Takes a refunded amount off the balance; the credit note closes when nothing is left. */
    void refunded(JsonObject note, BigDecimal amount) {
        BigDecimal balance = Refunds.amount(note, "balance").subtract(amount);
        note.put("balance", balance.doubleValue())
                .put("status", balance.signum() == 0 ? "closed" : "open")
                .put("last_modified_time", ledger.now());
        save(note);
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        JsonObject customer = contacts.find(body.getString("customer_id"));
        if (customer == null) {
            ZohoReplies.invalid(rc, "customer_id");
            return;
        }
        String number =
                Bodies.flag(rc, "ignore_auto_number_generation") ? body.getString("creditnote_number") : nextNumber();
        String date = body.getString("date", ledger.today());
        String invalid =
                Bodies.blank(number) ? "creditnote_number" : !DATE.matcher(date).matches() ? "date" : null;
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return;
        }
        if (all().stream().anyMatch(other -> number.equalsIgnoreCase(other.getString("creditnote_number")))) {
            ZohoReplies.error(rc, 400, DUPLICATE_NUMBER, "The specified Credit Note Number already exists");
            return;
        }
        String invoiceId = rc.request().getParam("invoice_id");
        JsonObject invoice = invoiceId == null ? null : invoices.find(invoiceId);
        if (invoiceId != null
                && (invoice == null
                        || invoice.getString("status").equals("void")
                        || !invoice.getString("customer_id").equals(customer.getString("contact_id")))) {
            ZohoReplies.invalid(rc, "invoice_id");
            return;
        }
        JsonArray lines = new JsonArray();
        for (Object entry : Bodies.array(body, "line_items")) {
            JsonObject line = entry instanceof JsonObject o ? o : new JsonObject();
            JsonObject copied = Bodies.blank(line.getString("invoice_item_id")) ? line : fromInvoice(invoice, line);
            if (copied == null) {
                ZohoReplies.invalid(rc, "invoice_item_id");
                return;
            }
            lines.add(copied);
        }
        if (body.containsKey("is_inclusive_tax") && !(body.getValue("is_inclusive_tax") instanceof Boolean)) {
            ZohoReplies.invalid(rc, "is_inclusive_tax");
            return;
        }
        boolean inclusive = Boolean.TRUE.equals(body.getValue("is_inclusive_tax"));
        LineItems.Priced priced = lineItems.price(lines, inclusive);
        if (priced.invalid() != null) {
            ZohoReplies.invalid(rc, priced.invalid());
            return;
        }
        BigDecimal total =
                Refunds.cents(BigDecimal.valueOf(priced.subTotal()).add(BigDecimal.valueOf(priced.taxTotal())));
        if (invoice != null && total.add(credited(invoiceId)).compareTo(Refunds.amount(invoice, "total")) > 0) {
            // Zoho's answer is not documented; a credit beyond what the invoice charged is refused, as the sandbox's
            // choice
            ZohoReplies.error(
                    rc,
                    400,
                    ZohoReplies.CODE_INVALID_VALUE,
                    "Invalid value passed for line_items: the credit notes of invoice "
                            + invoice.getString("invoice_number") + " would exceed its total.");
            return;
        }
        String now = ledger.now();
        JsonObject note = new JsonObject()
                .put("reference_number", "")
                .put("notes", "")
                .put("terms", "")
                .mergeIn(body.copy())
                .put("creditnote_id", ledger.newId())
                .put("creditnote_number", number)
                .put("date", date)
                .put("status", Boolean.TRUE.equals(body.getValue("is_draft")) ? "draft" : "open")
                .put("customer_name", customer.getString("contact_name"))
                .put("currency_id", customer.getString("currency_id"))
                .put("currency_code", customer.getString("currency_code"))
                .put("is_inclusive_tax", inclusive)
                .put("line_items", priced.lines())
                .put("sub_total", priced.subTotal())
                .put("tax_total", priced.taxTotal())
                .put("taxes", priced.taxes())
                .put("total", total.doubleValue())
                .put("balance", total.doubleValue())
                .put("invoices", invoices(invoice, total))
                .put("created_time", now)
                .put("last_modified_time", now);
        save(note);
        ZohoReplies.created(rc, "The credit note has been created.", "creditnote", view(note));
    }

    /** An invoice's line again (item, name, rate, discount, tax), for the quantity given or the invoice's; null if unknown. */
    private static JsonObject fromInvoice(JsonObject invoice, JsonObject line) {
        if (invoice == null) return null;
        for (Object entry : Bodies.array(invoice, "line_items")) {
            JsonObject original = (JsonObject) entry;
            if (!original.getString("line_item_id").equals(line.getString("invoice_item_id"))) continue;
            JsonObject copy = new JsonObject()
                    .put("invoice_item_id", original.getString("line_item_id"))
                    .put("name", original.getString("name"))
                    .put("description", line.getString("description", original.getString("description", "")))
                    .put("rate", original.getValue("rate"))
                    .put("quantity", line.getValue("quantity", original.getValue("quantity")))
                    .put("unit", original.getString("unit", ""))
                    .put("discount", original.getValue("discount", 0.0))
                    .put("tax_id", original.getString("tax_id", ""));
            if (!Bodies.blank(original.getString("item_id"))) copy.put("item_id", original.getString("item_id"));
            return copy;
        }
        return null;
    }

    /** What the credit notes already raised against the invoice (void ones aside) credit. */
    private BigDecimal credited(String invoiceId) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonObject note : all()) {
            boolean against = Bodies.array(note, "invoices").stream()
                    .anyMatch(i -> invoiceId.equals(((JsonObject) i).getString("invoice_id")));
            if (against && !note.getString("status").equals("void")) sum = sum.add(Refunds.amount(note, "total"));
        }
        return sum;
    }

    private static JsonArray invoices(JsonObject invoice, BigDecimal total) {
        return invoice == null
                ? new JsonArray()
                : new JsonArray()
                        .add(new JsonObject()
                                .put("invoice_id", invoice.getString("invoice_id"))
                                .put("invoice_number", invoice.getString("invoice_number"))
                                .put("amount", total.doubleValue()));
    }

    private void get(RoutingContext rc) {
        JsonObject note = find(rc.pathParam("creditnote_id"));
        if (note == null) {
            ZohoReplies.notFound(rc, "Credit Note");
            return;
        }
        ZohoReplies.ok(rc, "success", "creditnote", view(note));
    }

    /** Void: nothing left to refund; a credit note that has paid money back cannot be voided. */
    private void markVoid(RoutingContext rc) {
        JsonObject note = find(rc.pathParam("creditnote_id"));
        if (note == null) {
            ZohoReplies.notFound(rc, "Credit Note");
            return;
        }
        if (Refunds.amount(note, "balance").compareTo(Refunds.amount(note, "total")) < 0) {
            ZohoReplies.error(
                    rc, 400, ZohoReplies.CODE_INVALID_VALUE, "Credit notes with refunds cannot be marked as void.");
            return;
        }
        note.put("status", "void").put("balance", 0.0).put("last_modified_time", ledger.now());
        save(note);
        ZohoReplies.ok(rc, "The credit note has been marked as void.");
    }

    /** The credit note as Zoho answers it: its document's fields, its lines' item, rate, quantity, discount and tax. */
    private static JsonObject view(JsonObject note) {
        JsonObject view = new JsonObject();
        for (String field : VIEW_FIELDS) view.put(field, note.getValue(field));
        view.put("updated_time", note.getString("last_modified_time"));
        JsonArray lines = new JsonArray();
        for (Object entry : Bodies.array(note, "line_items")) {
            JsonObject line = new JsonObject();
            for (String field : LINE_FIELDS) line.put(field, ((JsonObject) entry).getValue(field));
            lines.add(line);
        }
        return view.put("line_items", lines);
    }

    private void list(RoutingContext rc) {
        String search = rc.request().getParam("search_text");
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject note : all()) {
            if (!matches(rc, note, search, filter)) continue;
            JsonObject row = new JsonObject();
            for (String field : ROW_FIELDS) row.put(field, note.getValue(field));
            rows.add(row);
        }
        ZohoReplies.list(
                rc,
                "creditnotes",
                Filters.sorted(rc, rows, SORT_COLUMNS, "created_time"),
                Filters.pageContext(rc, SORT_COLUMNS, "created_time")
                        .put("report_name", "Credit Notes")
                        .put("applied_filter", filter == null ? "Status.All" : filter));
    }

    private static boolean matches(RoutingContext rc, JsonObject note, String search, String filter) {
        String status = note.getString("status");
        String total = rc.request().getParam("total");
        return Filters.text(rc, "creditnote_number", note.getString("creditnote_number"))
                && Filters.text(rc, "reference_number", note.getString("reference_number"))
                && Filters.text(rc, "customer_name", note.getString("customer_name"))
                && Filters.exact(rc, "customer_id", note.getString("customer_id"))
                && Filters.exact(rc, "status", status)
                && Filters.exact(rc, "date", note.getString("date"))
                && (total == null || sameAmount(total, note))
                && lineMatches(rc, note, "item_id")
                && lineMatches(rc, note, "line_item_id")
                && lineMatches(rc, note, "tax_id")
                && (search == null
                        || (note.getString("creditnote_number") + " " + note.getString("reference_number") + " "
                                        + note.getString("customer_name"))
                                .toLowerCase(Locale.ROOT)
                                .contains(search.toLowerCase(Locale.ROOT)))
                && (filter == null || filter.equals("Status.All") || filter.equalsIgnoreCase("Status." + status));
    }

    private static boolean sameAmount(String wanted, JsonObject note) {
        try {
            return new BigDecimal(wanted).compareTo(Refunds.amount(note, "total")) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean lineMatches(RoutingContext rc, JsonObject note, String field) {
        String wanted = rc.request().getParam(field);
        return wanted == null
                || Bodies.array(note, "line_items").stream()
                        .anyMatch(line -> wanted.equals(((JsonObject) line).getString(field)));
    }

    private List<JsonObject> all() {
        return ledger.all(ENTITY);
    }

    private void save(JsonObject note) {
        ledger.save(
                ENTITY,
                note.getString("creditnote_id"),
                note,
                List.of(
                        note.getString("creditnote_id"),
                        note.getString("creditnote_number"),
                        note.getString("reference_number", "")),
                List.of(note.getString("notes", "")));
    }

    private String nextNumber() {
        int next = all().size() + 1;
        while (true) {
            String candidate = String.format(Locale.ROOT, "CN-%05d", next++);
            if (all().stream().noneMatch(n -> candidate.equalsIgnoreCase(n.getString("creditnote_number"))))
                return candidate;
        }
    }
}
