package io.zohosync.sandbox.inventory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.ProductPolicy;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.ZohoReplies;

/** Zoho Inventory v1 under {@code /inventory/v1}: items with stock, quantity adjustments, and a signed webhook on every stock change. */
public final class InventoryApi implements SandboxApi {
    public static final String PRODUCT = "inventory";
    /** The {@code event_type} of the webhook sent when an item's stock changes. */
    public static final String STOCK_CHANGED = "item_stock_changed";

    static final String ROOT = "/inventory/v1";

    @Override
    public void mount(Router router, SandboxContext context) {
        ApiRoutes routes = context.routes(
                router, new ProductPolicy(PRODUCT, ProductPolicy.queryOrganization(), ZohoReplies.BOOKS_STYLE));
        Stock stock = stock(context);
        new Items(stock).mount(routes);
        new Adjustments(stock).mount(routes);
    }

    /**
     * Adjusts an item's stock by {@code quantity} as a user would in Zoho's web UI: an adjustment is recorded and the stock
     * webhook fires, with no API call. Answers the adjustment; fails when the item is unknown or stock would fall below zero.
     */
    public static JsonObject adjustInUi(SandboxContext context, String itemId, double quantity, String reason) {
        JsonObject body = new JsonObject()
                .put("reason", reason)
                .put("adjustment_type", "quantity")
                .put("description", "Adjusted in Zoho's web UI")
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject().put("item_id", itemId).put("quantity_adjusted", quantity)));
        Stock stock = stock(context);
        String problem = stock.problem(body);
        if (problem != null) throw new IllegalArgumentException("cannot adjust item " + itemId + ": " + problem);
        return stock.adjust(body, "ui");
    }

    private static Stock stock(SandboxContext context) {
        return context.shared(Stock.class, () -> new Stock(context));
    }
}
