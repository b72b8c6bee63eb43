package io.zohosync.adapters.zoho.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.stock.StockChange;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoStock;
import java.time.ZoneOffset;
import java.util.List;

/** Zoho Inventory adapter for {@link ZohoStock}: {@code /inventory/v1/inventoryadjustments} (quantity type, marker as reference). */
public final class InventoryAdjustmentsClient implements ZohoStock {

    private final ZohoApi api;

    public InventoryAdjustmentsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<String>> adjust(StockChange change, String itemId, String reason) {
        if (change.delta().signum() == 0) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(""));
        }
        JsonObject body = new JsonObject()
                .put("date", change.at().atOffset(ZoneOffset.UTC).toLocalDate().toString())
                .put("reason", reason)
                .put("adjustment_type", "quantity")
                .put("reference_number", ZohoStock.marker(change))
                .put(
                        "description",
                        "zoho-sync: " + change.itemSku() + " "
                                + change.previousLevel().toPlainString() + " -> "
                                + change.newLevel().toPlainString())
                .put(
                        "line_items",
                        new JsonArray()
                                .add(new JsonObject().put("item_id", itemId).put("quantity_adjusted", change.delta())));
        return api.call(
                ZohoRequest.post(ZohoProduct.INVENTORY, "/inventoryadjustments", body),
                r -> r.getJsonObject("inventory_adjustment", new JsonObject()).getString("inventory_adjustment_id"));
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findAdjustments(StockChange change) {
        String marker = ZohoStock.marker(change);
        return api.call(
                ZohoRequest.get(ZohoProduct.INVENTORY, "/inventoryadjustments").param("reference_number", marker),
                r -> r.getJsonArray("inventory_adjustments", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .filter(a -> marker.equals(a.getString("reference_number")))
                        .map(a -> a.getString("inventory_adjustment_id"))
                        .toList());
    }
}
