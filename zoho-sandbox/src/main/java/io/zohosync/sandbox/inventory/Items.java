package io.zohosync.sandbox.inventory;

import static io.zohosync.sandbox.inventory.InventoryApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Inventory items: name and rate required, unique SKU, opening stock; read back with {@code stock_on_hand} and {@code available_stock}. */
final class Items {
    private static final List<String> SORT_COLUMNS = List.of("name", "sku", "rate", "stock_on_hand");

    private final Stock stock;

    Items(Stock stock) {
        this.stock = stock;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/items"), this::create)
                .add(
                        Operation.get(
                                ROOT + "/items",
                                "name",
                                "name_startswith",
                                "name_contains",
                                "sku",
                                "filter_by",
                                "sort_column",
                                "sort_order",
                                "page",
                                "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/items/:item_id"), this::get);
    }

    private void create(RoutingContext rc) {
        JsonObject body = rc.body().length() == 0 ? new JsonObject() : rc.body().asJsonObject();
        if (body.getString("name") == null || body.getString("name").isBlank()) {
            ZohoReplies.invalid(rc, "name");
            return;
        }
        if (!(body.getValue("rate") instanceof Number rate)) {
            ZohoReplies.invalid(rc, "rate");
            return;
        }
        Object opening = body.getValue("initial_stock", 0);
        if (!(opening instanceof Number initial) || initial.doubleValue() < 0) {
            ZohoReplies.invalid(rc, "initial_stock");
            return;
        }
        String sku = body.getString("sku", "");
        if (!sku.isEmpty() && stock.items().stream().anyMatch(i -> sku.equalsIgnoreCase(i.getString("sku")))) {
            ZohoReplies.error(rc, 400, 1001, "Item with the SKU \"" + sku + "\" already exists.");
            return;
        }
        double quantity = initial.doubleValue();
        String now = stock.now();
        JsonObject item = new JsonObject()
                .put("description", "")
                .put("unit", "pcs")
                .put("sku", "")
                .put("item_type", "inventory")
                .put("product_type", "goods")
                .mergeIn(body.copy())
                .put("item_id", stock.newId())
                .put("status", "active")
                .put("rate", rate.doubleValue())
                .put("initial_stock", quantity)
                .put("stock_on_hand", quantity)
                .put("available_stock", quantity)
                .put("actual_available_stock", quantity)
                .put("created_time", now)
                .put("last_modified_time", now);
        stock.save(item);
        ZohoReplies.created(rc, "The item has been added.", "item", item);
    }

    private void get(RoutingContext rc) {
        JsonObject item = stock.item(rc.pathParam("item_id"));
        if (item == null) {
            ZohoReplies.notFound(rc, "Item");
            return;
        }
        ZohoReplies.ok(rc, "success", "item", item);
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = stock.items().stream()
                .filter(i -> Filters.text(rc, "name", i.getString("name"))
                        && Filters.exact(rc, "sku", i.getString("sku"))
                        && (filter == null
                                || filter.equals("Status.All")
                                || filter.equalsIgnoreCase("Status." + i.getString("status"))))
                .toList();
        ZohoReplies.list(
                rc,
                "items",
                Filters.sorted(rc, rows, SORT_COLUMNS, "name"),
                Filters.pageContext(rc, SORT_COLUMNS, "name"));
    }
}
