package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Books items: name and rate (required), unique SKU, optional tax; listed with Zoho's name and status filters. */
final class Items {
    static final String ENTITY = "items";
    private static final List<String> SORT_COLUMNS = List.of("name", "rate", "tax_name");
    private static final String[] LIST_QUERY = {
        "name",
        "name_startswith",
        "name_contains",
        "description",
        "description_startswith",
        "description_contains",
        "rate",
        "rate_less_than",
        "rate_less_equals",
        "rate_greater_than",
        "rate_greater_equals",
        "tax_id",
        "tax_name",
        "is_taxable",
        "tax_exemption_id",
        "account_id",
        "filter_by",
        "search_text",
        "sort_column",
        "sort_order",
        "page",
        "per_page"
    };

    private final Ledger ledger;
    private final Taxes taxes;

    Items(Ledger ledger, Taxes taxes) {
        this.ledger = ledger;
        this.taxes = taxes;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/items"), this::create)
                .add(Operation.get(ROOT + "/items", LIST_QUERY), this::list)
                .add(Operation.get(ROOT + "/items/:item_id"), this::get)
                .add(Operation.put(ROOT + "/items/:item_id"), this::update)
                .add(Operation.delete(ROOT + "/items/:item_id"), this::delete)
                .add(Operation.action(ROOT + "/items/:item_id/active"), rc -> status(rc, "active"))
                .add(Operation.action(ROOT + "/items/:item_id/inactive"), rc -> status(rc, "inactive"));
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        if (Bodies.blank(body.getString("name"))) {
            ZohoReplies.invalid(rc, "name");
            return;
        }
        if (!(body.getValue("rate") instanceof Number)) {
            ZohoReplies.invalid(rc, "rate");
            return;
        }
        JsonObject item = new JsonObject()
                .put("description", "")
                .put("unit", "")
                .put("sku", "")
                .put("product_type", "goods")
                .mergeIn(body.copy())
                .put("item_id", ledger.newId())
                .put("status", "active");
        if (apply(rc, item)) ZohoReplies.created(rc, "The item has been added.", "item", item);
    }

    private void update(RoutingContext rc) {
        JsonObject item = find(rc.pathParam("item_id"));
        if (item == null) {
            ZohoReplies.notFound(rc, "Item");
            return;
        }
        JsonObject body = Bodies.json(rc);
        if (body.containsKey("name") && Bodies.blank(body.getString("name"))) {
            ZohoReplies.invalid(rc, "name");
            return;
        }
        if (body.containsKey("rate") && !(body.getValue("rate") instanceof Number)) {
            ZohoReplies.invalid(rc, "rate");
            return;
        }
        JsonObject changed = item.copy().mergeIn(body.copy()).put("item_id", item.getString("item_id"));
        if (apply(rc, changed)) ZohoReplies.ok(rc, "Item details have been saved.", "item", changed);
    }

    /** Checks SKU and tax, fills the derived fields and saves; answers the error and returns false otherwise. */
    private boolean apply(RoutingContext rc, JsonObject item) {
        String sku = item.getString("sku", "");
        if (!sku.isEmpty()
                && ledger.all(ENTITY).stream()
                        .anyMatch(other -> sku.equalsIgnoreCase(other.getString("sku"))
                                && !other.getString("item_id").equals(item.getString("item_id")))) {
            ZohoReplies.error(rc, 400, 1001, "Item with the SKU \"" + sku + "\" already exists.");
            return false;
        }
        String taxId = item.getString("tax_id", "");
        JsonObject tax = taxId.isEmpty() ? null : taxes.find(taxId);
        if (!taxId.isEmpty() && tax == null) {
            ZohoReplies.invalid(rc, "tax_id");
            return false;
        }
        item.put("rate", item.getNumber("rate").doubleValue())
                .put("tax_id", taxId)
                .put("tax_name", tax == null ? "" : tax.getString("tax_name"))
                .put("tax_percentage", tax == null ? 0.0 : tax.getDouble("tax_percentage"));
        save(item);
        return true;
    }

    private void save(JsonObject item) {
        ledger.save(
                ENTITY,
                item.getString("item_id"),
                item,
                List.of(item.getString("item_id"), item.getString("name"), item.getString("sku", "")),
                List.of(item.getString("description", "")));
    }

    private void get(RoutingContext rc) {
        JsonObject item = find(rc.pathParam("item_id"));
        if (item == null) {
            ZohoReplies.notFound(rc, "Item");
            return;
        }
        ZohoReplies.ok(rc, "success", "item", item);
    }

    private void delete(RoutingContext rc) {
        String id = rc.pathParam("item_id");
        if (find(id) == null) {
            ZohoReplies.notFound(rc, "Item");
            return;
        }
        ledger.remove(ENTITY, id);
        ZohoReplies.ok(rc, "The item has been deleted.");
    }

    private void status(RoutingContext rc, String status) {
        JsonObject item = find(rc.pathParam("item_id"));
        if (item == null) {
            ZohoReplies.notFound(rc, "Item");
            return;
        }
        item.put("status", status);
        save(item);
        ZohoReplies.ok(rc, "The item has been marked as " + status + ".");
    }

    private void list(RoutingContext rc) {
        String search = rc.request().getParam("search_text");
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject item : ledger.all(ENTITY)) {
            boolean matches = Filters.text(rc, "name", item.getString("name"))
                    && Filters.text(rc, "description", item.getString("description"))
                    && Filters.exact(rc, "tax_id", item.getString("tax_id"))
                    && (search == null
                            || (item.getString("name") + " " + item.getString("description") + " "
                                            + item.getString("sku"))
                                    .toLowerCase(Locale.ROOT)
                                    .contains(search.toLowerCase(Locale.ROOT)))
                    && (filter == null
                            || filter.equals("Status.All")
                            || filter.equalsIgnoreCase("Status." + item.getString("status")));
            if (matches) rows.add(item);
        }
        ZohoReplies.list(
                rc,
                "items",
                Filters.sorted(rc, rows, SORT_COLUMNS, "name"),
                Filters.pageContext(rc, SORT_COLUMNS, "name").put("report_name", "Items"));
    }
}
