package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What invoices and estimates share: customer check, numbering (auto or {@code ignore_auto_number_generation}), pricing, saving. */
final class SalesDocuments {
    /** The names that differ between invoices and estimates. */
    record Kind(String entity, String key, String numberField, String prefix, String label) {}

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Ledger ledger;
    private final Contacts contacts;
    private final LineItems lineItems;
    private final Kind kind;

    SalesDocuments(Ledger ledger, Contacts contacts, LineItems lineItems, Kind kind) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.lineItems = lineItems;
        this.kind = kind;
    }

    JsonObject find(String id) {
        return ledger.find(kind.entity(), id);
    }

    List<JsonObject> all() {
        return ledger.all(kind.entity());
    }

    String today() {
        return ledger.today();
    }

    /** A new document built from the body, or null after answering why it cannot be. */
    JsonObject create(RoutingContext rc, JsonObject body) {
        String number;
        if (Bodies.flag(rc, "ignore_auto_number_generation")) {
            number = body.getString(kind.numberField());
            if (Bodies.blank(number)) {
                ZohoReplies.invalid(rc, kind.numberField());
                return null;
            }
        } else {
            number = nextNumber();
        }
        String now = ledger.now();
        JsonObject document = new JsonObject()
                .put("reference_number", "")
                .put("exchange_rate", 1.0)
                .put("discount", 0.0)
                .put("is_inclusive_tax", false)
                .put("shipping_charge", 0.0)
                .put("adjustment", 0.0)
                .put("adjustment_description", "")
                .mergeIn(body.copy())
                .put(kind.key() + "_id", ledger.newId())
                .put(kind.numberField(), number)
                .put("status", "draft")
                .put("date", body.getString("date", ledger.today()))
                .put("created_time", now);
        return complete(rc, document, body) ? document : null;
    }

    /** The document changed by the body, or null after answering why it cannot be. */
    JsonObject update(RoutingContext rc, JsonObject existing, JsonObject body) {
        JsonObject changes = body.copy();
        changes.remove(kind.key() + "_id");
        changes.remove("status");
        if (Bodies.blank(changes.getString(kind.numberField()))) changes.remove(kind.numberField());
        if (!body.containsKey("line_items"))
            changes.put("line_items", existing.getJsonArray("line_items").copy());
        JsonObject document = existing.copy().mergeIn(changes);
        return complete(rc, document, body) ? document : null;
    }

    void save(JsonObject document) {
        ledger.save(
                kind.entity(),
                document.getString(kind.key() + "_id"),
                document,
                List.of(
                        document.getString(kind.key() + "_id"),
                        document.getString(kind.numberField()),
                        document.getString("reference_number", "")),
                List.of(document.getString("notes", "")));
    }

    /** Saves a document whose status changed, with a new modification time. */
    void touch(JsonObject document) {
        document.put("last_modified_time", ledger.now());
        save(document);
    }

    void remove(String id) {
        ledger.remove(kind.entity(), id);
    }

    /** Checks customer, number, dates and amounts, prices the lines and fills the totals; answers and returns false on error. */
    private boolean complete(RoutingContext rc, JsonObject document, JsonObject body) {
        JsonObject customer = contacts.find(document.getString("customer_id"));
        if (customer == null) {
            ZohoReplies.invalid(rc, "customer_id");
            return false;
        }
        String number = document.getString(kind.numberField());
        if (all().stream()
                .anyMatch(other -> number.equalsIgnoreCase(other.getString(kind.numberField()))
                        && !other.getString(kind.key() + "_id").equals(document.getString(kind.key() + "_id")))) {
            ZohoReplies.error(rc, 400, 1001, kind.label() + " number \"" + number + "\" already exists.");
            return false;
        }
        for (String field : List.of("date", "due_date", "expiry_date")) {
            String value = document.getString(field, "");
            if (!value.isEmpty() && !DATE.matcher(value).matches()) {
                ZohoReplies.invalid(rc, field);
                return false;
            }
        }
        for (String field : List.of("shipping_charge", "adjustment")) {
            if (!(document.getValue(field) instanceof Number)) {
                ZohoReplies.invalid(rc, field);
                return false;
            }
        }
        if (!(document.getValue("is_inclusive_tax") instanceof Boolean inclusive)) {
            ZohoReplies.invalid(rc, "is_inclusive_tax");
            return false;
        }
        LineItems.Priced priced = lineItems.price(
                Bodies.array(body.containsKey("line_items") ? body : document, "line_items"), inclusive);
        if (priced.invalid() != null) {
            ZohoReplies.invalid(rc, priced.invalid());
            return false;
        }
        double total = Bodies.money(priced.subTotal()
                + priced.taxTotal()
                + document.getNumber("shipping_charge").doubleValue()
                + document.getNumber("adjustment").doubleValue());
        document.put("customer_name", customer.getString("contact_name"))
                .put("currency_id", customer.getString("currency_id"))
                .put("currency_code", customer.getString("currency_code"))
                .put("line_items", priced.lines())
                .put("sub_total", priced.subTotal())
                .put("tax_total", priced.taxTotal())
                .put("taxes", priced.taxes())
                .put("total", total)
                .put("last_modified_time", ledger.now());
        return true;
    }

    private String nextNumber() {
        int next = all().size() + 1;
        while (true) {
            String candidate = String.format(Locale.ROOT, "%s%06d", kind.prefix(), next++);
            if (all().stream().noneMatch(d -> candidate.equalsIgnoreCase(d.getString(kind.numberField()))))
                return candidate;
        }
    }
}
