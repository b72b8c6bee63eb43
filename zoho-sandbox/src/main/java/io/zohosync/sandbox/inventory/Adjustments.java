package io.zohosync.sandbox.inventory;

import static io.zohosync.sandbox.inventory.InventoryApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Inventory quantity adjustments: each line changes an item's stock (never below zero); readable by id and listable by reference number and by last modified time, sorted and paged. */
final class Adjustments {
    /** The columns a list sorts by (UNCONFIRMED: Zoho's reference names date, created_time and last_modified_time). */
    private static final List<String> SORT_COLUMNS =
            List.of("date", "created_time", "last_modified_time", "reference_number");

    private final Stock stock;

    Adjustments(Stock stock) {
        this.stock = stock;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/inventoryadjustments"), this::create)
                .add(
                        Operation.get(
                                ROOT + "/inventoryadjustments",
                                "reference_number",
                                "last_modified_time",
                                "sort_column",
                                "sort_order",
                                "page",
                                "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/inventoryadjustments/:inventory_adjustment_id"), this::get);
    }

    private void create(RoutingContext rc) {
        JsonObject body = rc.body().length() == 0 ? new JsonObject() : rc.body().asJsonObject();
        String problem = stock.problem(body);
        if (problem != null) {
            ZohoReplies.invalid(rc, problem);
            return;
        }
        ZohoReplies.created(
                rc, "Inventory Adjustment has been added", "inventory_adjustment", stock.adjust(body, "api"));
    }

    private void get(RoutingContext rc) {
        JsonObject adjustment = stock.adjustment(rc.pathParam("inventory_adjustment_id"));
        if (adjustment == null) {
            ZohoReplies.notFound(rc, "Inventory Adjustment");
            return;
        }
        ZohoReplies.ok(rc, "success", "inventory_adjustment", adjustment);
    }

    private void list(RoutingContext rc) {
        String since = rc.request().getParam("last_modified_time");
        List<JsonObject> rows = stock.adjustments().stream()
                .filter(a -> Filters.exact(rc, "reference_number", a.getString("reference_number")))
                // Zoho's lists take last_modified_time as "modified at or after" (yyyy-MM-dd'T'HH:mm:ssZ)
                .filter(a -> since == null
                        || since.isEmpty()
                        || a.getString("last_modified_time").compareTo(since) >= 0)
                // as Zoho's list answers: entries without their line items (read one adjustment for them)
                .map(a -> {
                    JsonObject entry = a.copy();
                    entry.remove("line_items");
                    return entry;
                })
                .toList();
        ZohoReplies.list(
                rc,
                "inventory_adjustments",
                Filters.sorted(rc, rows, SORT_COLUMNS, "created_time"),
                Filters.pageContext(rc, SORT_COLUMNS, "created_time"));
    }
}
