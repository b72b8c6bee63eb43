package io.zohosync.sandbox.inventory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.Webhooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Inventory organization's items and adjustments in the core {@link Ledger}; every stock change is sent to the inventory webhook. */
final class Stock {
    static final String ITEMS = "items";
    static final String ADJUSTMENTS = "inventoryadjustments";

    private final SandboxContext context;
    private final Ledger ledger;

    Stock(SandboxContext context) {
        this.context = context;
        this.ledger = new Ledger(context, InventoryApi.PRODUCT);
    }

    JsonObject item(String id) {
        return ledger.find(ITEMS, id);
    }

    List<JsonObject> items() {
        return ledger.all(ITEMS);
    }

    JsonObject adjustment(String id) {
        return ledger.find(ADJUSTMENTS, id);
    }

    List<JsonObject> adjustments() {
        return ledger.all(ADJUSTMENTS);
    }

    String newId() {
        return ledger.newId();
    }

    String now() {
        return ledger.now();
    }

    void save(JsonObject item) {
        ledger.save(
                ITEMS,
                item.getString("item_id"),
                item,
                List.of(item.getString("item_id"), item.getString("name"), item.getString("sku", "")),
                List.of(item.getString("description", "")));
    }

    /** Why a quantity adjustment cannot be made (the field at fault), or null when it can. */
    String problem(JsonObject body) {
        if (body.getString("reason") == null || body.getString("reason").isBlank()) return "reason";
        if (!"quantity".equals(body.getString("adjustment_type", "quantity"))) return "adjustment_type";
        JsonArray lines = body.getValue("line_items") instanceof JsonArray array ? array : new JsonArray();
        if (lines.isEmpty()) return "line_items";
        Map<String, Double> after = new LinkedHashMap<>();
        for (Object value : lines) {
            JsonObject line = value instanceof JsonObject object ? object : new JsonObject();
            JsonObject item = item(line.getString("item_id"));
            if (item == null) return "item_id";
            if (!(line.getValue("quantity_adjusted") instanceof Number quantity) || quantity.doubleValue() == 0)
                return "quantity_adjusted";
            double stock = after.getOrDefault(item.getString("item_id"), item.getDouble("stock_on_hand"))
                    + quantity.doubleValue();
            if (stock < 0) return "quantity_adjusted";
            after.put(item.getString("item_id"), stock);
        }
        return null;
    }

    /** Applies an adjustment {@link #problem} accepted, made through the API ({@code source} "api") or the web UI ("ui"). */
    JsonObject adjust(JsonObject body, String source) {
        String id = newId();
        String at = now();
        JsonArray lines = new JsonArray();
        List<JsonObject> changed = new ArrayList<>();
        for (Object value : body.getJsonArray("line_items")) {
            JsonObject line = (JsonObject) value;
            JsonObject item = item(line.getString("item_id"));
            double quantity = line.getNumber("quantity_adjusted").doubleValue();
            String warehouse =
                    line.getValue("warehouse_id") == null ? null : String.valueOf(line.getValue("warehouse_id"));
            if (warehouse != null) {
                warehouseStock(item, warehouse, quantity);
            }
            item.put("stock_on_hand", item.getDouble("stock_on_hand") + quantity)
                    .put("available_stock", item.getDouble("available_stock") + quantity)
                    .put("actual_available_stock", item.getDouble("actual_available_stock") + quantity)
                    .put("last_modified_time", now());
            save(item);
            changed.add(item);
            lines.add(new JsonObject()
                    .put("line_item_id", newId())
                    .put("item_id", item.getString("item_id"))
                    .put("name", item.getString("name"))
                    .put("sku", item.getString("sku", ""))
                    .put("quantity_adjusted", quantity)
                    .put(
                            "warehouse_id",
                            line.getValue("warehouse_id") == null ? "" : String.valueOf(line.getValue("warehouse_id")))
                    .put("unit", item.getString("unit", "")));
        }
        JsonObject adjustment = new JsonObject()
                .put("inventory_adjustment_id", id)
                .put("date", body.getString("date", ledger.today()))
                .put("reason", body.getString("reason"))
                .put("description", body.getString("description", ""))
                .put("reference_number", body.getString("reference_number", ""))
                .put("adjustment_type", "quantity")
                .put("status", "adjusted")
                .put("line_items", lines)
                .put("created_time", at)
                .put("last_modified_time", at);
        ledger.save(
                ADJUSTMENTS,
                id,
                adjustment,
                List.of(id, adjustment.getString("reference_number")),
                List.of(adjustment.getString("description")));
        for (JsonObject item : changed) {
            Webhooks.of(context)
                    .send(
                            InventoryApi.PRODUCT,
                            newId(),
                            InventoryApi.STOCK_CHANGED,
                            now(),
                            new JsonObject()
                                    .put("item", item.copy())
                                    .put("inventory_adjustment", adjustment.copy())
                                    .put("source", source));
        }
        return adjustment;
    }

    /**
     * Moves the item's stock in {@code warehouse} ({@code warehouses[].warehouse_stock_on_hand}, as Zoho's item lists
     * it; minimal: a warehouse is listed once an adjustment names it, starting from zero).
     */
    private static void warehouseStock(JsonObject item, String warehouse, double quantity) {
        JsonArray warehouses = item.getValue("warehouses") instanceof JsonArray array ? array : new JsonArray();
        JsonObject entry = null;
        for (Object value : warehouses) {
            if (value instanceof JsonObject w && warehouse.equals(w.getString("warehouse_id"))) {
                entry = w;
            }
        }
        if (entry == null) {
            entry = new JsonObject().put("warehouse_id", warehouse).put("warehouse_stock_on_hand", 0.0);
            warehouses.add(entry);
        }
        entry.put("warehouse_stock_on_hand", entry.getDouble("warehouse_stock_on_hand") + quantity);
        item.put("warehouses", warehouses);
    }
}
