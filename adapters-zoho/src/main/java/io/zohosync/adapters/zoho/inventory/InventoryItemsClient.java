package io.zohosync.adapters.zoho.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.catalog.Item;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoItems;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;
import java.util.Locale;

/**
 * Zoho Inventory adapter for {@link ZohoItems}: {@code /inventory/v1/items}, tracked goods ({@code item_type}
 * {@code inventory}) created with no opening stock; found by the list's {@code sku} filter.
 */
public final class InventoryItemsClient implements ZohoItems {

    private final ZohoApi api;

    public InventoryItemsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<ZohoItem>> create(Item item) {
        JsonObject body = ZohoJson.withoutNulls(new JsonObject()
                .put("name", item.name())
                .put("sku", item.sku())
                .put("rate", item.rate().amount())
                .put("description", item.description())
                .put("item_type", "inventory")
                .put("product_type", "goods")
                .put("initial_stock", 0));
        return api.call(ZohoRequest.post(ZohoProduct.INVENTORY, "/items", body), r -> item(r.getJsonObject("item")));
    }

    @Override
    public Future<ZohoOutcome<ZohoItem>> update(String itemId, Item item) {
        JsonObject body = ZohoJson.withoutNulls(new JsonObject()
                .put("name", item.name())
                .put("sku", item.sku())
                .put("rate", item.rate().amount())
                .put("description", item.description()));
        return api.call(
                ZohoRequest.put(ZohoProduct.INVENTORY, "/items/" + itemId, body), r -> item(r.getJsonObject("item")));
    }

    @Override
    public Future<ZohoOutcome<ZohoItem>> get(String itemId) {
        return api.call(ZohoRequest.get(ZohoProduct.INVENTORY, "/items/" + itemId), r -> item(r.getJsonObject("item")));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoItem>>> findBySku(String sku) {
        String wanted = sku.trim().toLowerCase(Locale.ROOT);
        return api.call(
                ZohoRequest.get(ZohoProduct.INVENTORY, "/items").param("sku", sku.trim()),
                r -> r.getJsonArray("items", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(InventoryItemsClient::item)
                        .filter(i -> i.sku() != null
                                && i.sku().toLowerCase(Locale.ROOT).equals(wanted))
                        .toList());
    }

    static ZohoItem item(JsonObject i) {
        return new ZohoItem(
                i.getString("item_id"),
                i.getString("name"),
                ZohoJson.blankToNull(i.getString("sku")),
                ZohoJson.decimal(i, "rate"),
                i.getString("status"));
    }
}
