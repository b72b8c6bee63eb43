package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;
import static io.zohosync.sandbox.billing.BillingLedger.blank;
import static io.zohosync.sandbox.billing.BillingLedger.money;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Billing invoices: raised by subscriptions or created by hand, paid down by payments ({@code sent} → {@code partially_paid} → {@code paid}). */
final class BillingInvoices {
    static final String ENTITY = "invoices";
    /** Fields of an invoice as read back, as a list row, and as the create call answers it (Zoho's documents name them differently). */
    static final List<String> DETAIL = List.of(
            "invoice_id",
            "number",
            "status",
            "invoice_date",
            "due_date",
            "customer_id",
            "customer_name",
            "email",
            "currency_code",
            "invoice_items",
            "total",
            "balance",
            "payment_made",
            "credits_applied",
            "created_time",
            "updated_time");

    static final List<String> ROW = List.of(
            "invoice_id",
            "number",
            "status",
            "invoice_date",
            "due_date",
            "customer_id",
            "customer_name",
            "email",
            "currency_code",
            "total",
            "balance",
            "created_time",
            "updated_time");
    static final List<String> CREATED = List.of(
            "invoice_id",
            "invoice_number",
            "status",
            "date",
            "due_date",
            "customer_id",
            "customer_name",
            "currency_code",
            "reference_number",
            "invoice_items",
            "total",
            "balance",
            "payment_made",
            "credits_applied",
            "created_time",
            "last_modified_time");

    private final BillingLedger ledger;
    private final Customers customers;
    private int numbers;

    BillingInvoices(BillingLedger ledger, Customers customers) {
        this.ledger = ledger;
        this.customers = customers;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/invoices", "send", "ignore_auto_number_generation"), this::create)
                .add(
                        Operation.get(
                                ROOT + "/invoices",
                                "filter_by",
                                "customer_id",
                                "subscription_id",
                                "reference_number",
                                "page",
                                "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/invoices/:invoice_id"), this::get);
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    /** Raises a {@code sent} invoice for {@code items} ({@code code}, {@code name}, {@code price}, {@code quantity}) and records invoice_created. */
    JsonObject raise(JsonObject customer, JsonArray items, String subscriptionId, String referenceNumber) {
        JsonArray lines = new JsonArray();
        double total = 0;
        for (Object value : items) {
            JsonObject item = (JsonObject) value;
            Number quantity = whole(item.getNumber("quantity", 1));
            double price = item.getNumber("price", 0).doubleValue();
            double lineTotal = money(price * quantity.doubleValue());
            total += lineTotal;
            lines.add(new JsonObject()
                    .put("item_id", ledger.newId())
                    .put("code", item.getString("code", ""))
                    .put("name", item.getString("name", ""))
                    .put("description", item.getString("description", ""))
                    .put("price", price)
                    .put("quantity", quantity)
                    .put("item_total", lineTotal));
        }
        String today = ledger.today().toString();
        String now = ledger.now();
        JsonObject invoice = new JsonObject()
                .put("invoice_id", ledger.newId())
                .put("number", String.format("INV-%06d", ++numbers))
                .put("status", "sent")
                .put("date", today)
                .put("invoice_date", today)
                .put("due_date", today)
                .put("customer_id", customer.getString("customer_id"))
                .put("customer_name", customer.getString("display_name"))
                .put("email", customer.getString("email"))
                .put("currency_code", customer.getString("currency_code", "USD"))
                .put("reference_number", referenceNumber == null ? "" : referenceNumber)
                .put("invoice_items", lines)
                .put("total", money(total))
                .put("balance", money(total))
                .put("payment_made", 0.0)
                .put("credits_applied", 0.0)
                .put(
                        "subscriptions",
                        subscriptionId == null
                                ? new JsonArray()
                                : new JsonArray().add(new JsonObject().put("subscription_id", subscriptionId)))
                .put("created_time", now)
                .put("updated_time", now);
        invoice.put("invoice_number", invoice.getString("number")).put("last_modified_time", now);
        save(invoice);
        ledger.event("invoice_created", "invoice", eventView(invoice));
        return invoice;
    }

    /**
     * An invoice as Billing's events carry it: its detail with the subscriptions it was raised for (Zoho's invoice
     * object; the OpenAPI document does not list the field, UNCONFIRMED) and its reference number.
     */
    static JsonObject eventView(JsonObject invoice) {
        return BillingLedger.only(invoice, DETAIL)
                .put(
                        "subscriptions",
                        invoice.getJsonArray("subscriptions", new io.vertx.core.json.JsonArray())
                                .copy())
                .put("reference_number", invoice.getString("reference_number", ""));
    }

    /** Lowers the balance by {@code amount} and moves the status to partially_paid or paid. */
    void pay(JsonObject invoice, double amount) {
        double balance = money(invoice.getDouble("balance") - amount);
        invoice.put("balance", balance)
                .put("payment_made", money(invoice.getDouble("payment_made") + amount))
                .put("status", balance <= 0 ? "paid" : "partially_paid")
                .put("updated_time", ledger.now())
                .put("last_modified_time", ledger.now());
        save(invoice);
    }

    /** Zoho shows whole quantities as integers. */
    private static Number whole(Number quantity) {
        double value = quantity.doubleValue();
        return value == Math.rint(value) ? (Number) (long) value : value;
    }

    void save(JsonObject invoice) {
        ledger.save(
                ENTITY,
                invoice.getString("invoice_id"),
                invoice,
                List.of(
                        invoice.getString("invoice_id"),
                        invoice.getString("number"),
                        invoice.getString("reference_number")),
                List.of());
    }

    private void create(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        JsonObject customer = customers.find(body.getString("customer_id"));
        if (customer == null) {
            ZohoReplies.invalid(rc, "customer_id");
            return;
        }
        JsonArray items = body.getJsonArray("invoice_items");
        if (items == null
                || items.isEmpty()
                || items.stream()
                        .anyMatch(i -> !(i instanceof JsonObject item)
                                || blank(item.getString("name")) && blank(item.getString("code"))
                                || !(item.getValue("price") instanceof Number))) {
            ZohoReplies.invalid(rc, "invoice_items");
            return;
        }
        JsonObject invoice =
                BillingLedger.only(raise(customer, items, null, body.getString("reference_number")), CREATED);
        invoice.put(
                "invoice_items",
                new JsonArray(invoice.getJsonArray("invoice_items").stream()
                        .map(i -> {
                            JsonObject line = ((JsonObject) i).copy();
                            line.remove("code");
                            return line;
                        })
                        .toList()));
        ZohoReplies.created(rc, "The invoice has been created.", "invoice", invoice);
    }

    private void get(RoutingContext rc) {
        JsonObject invoice = find(rc.pathParam("invoice_id"));
        if (invoice == null) {
            ZohoReplies.notFound(rc, "Invoice");
            return;
        }
        ZohoReplies.ok(rc, "success", "invoice", BillingLedger.only(invoice, DETAIL));
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        String subscriptionId = rc.request().getParam("subscription_id");
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(i -> Filters.exact(rc, "customer_id", i.getString("customer_id"))
                        && Filters.exact(rc, "reference_number", i.getString("reference_number"))
                        && (subscriptionId == null
                                || i.getJsonArray("subscriptions").stream()
                                        .anyMatch(s ->
                                                subscriptionId.equals(((JsonObject) s).getString("subscription_id"))))
                        && (filter == null
                                || filter.equals("Status.All")
                                || filter.equalsIgnoreCase(
                                        "Status." + i.getString("status").replace("_", ""))))
                .map(i -> BillingLedger.only(i, ROW))
                .toList();
        ZohoReplies.list(rc, "invoices", rows, new JsonObject());
    }
}
