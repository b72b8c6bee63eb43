package io.zohosync.adapters.http.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.ports.in.StockUseCase.ZohoEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an Inventory stock event says: every line of the adjustment for its item, with each warehouse's own stock. */
class ZohoInventoryWebhookReadTest {

    private static JsonObject line(String itemId, String warehouse, int quantity) {
        JsonObject line =
                new JsonObject().put("item_id", itemId).put("sku", "W-1").put("quantity_adjusted", quantity);
        return warehouse == null ? line : line.put("warehouse_id", warehouse);
    }

    @Test
    void every_line_for_the_item_is_read_one_per_warehouse_with_the_warehouses_own_stock() {
        JsonObject event = new JsonObject()
                .put("event_id", "evt-1")
                .put("event_type", "item_stock_changed")
                .put(
                        "data",
                        new JsonObject()
                                .put(
                                        "item",
                                        new JsonObject()
                                                .put("item_id", "i-1")
                                                .put("sku", "W-1")
                                                .put("stock_on_hand", 100)
                                                .put(
                                                        "warehouses",
                                                        new JsonArray()
                                                                .add(new JsonObject()
                                                                        .put("warehouse_id", "wh-1")
                                                                        .put("warehouse_stock_on_hand", 30))
                                                                .add(new JsonObject()
                                                                        .put("warehouse_id", "wh-2")
                                                                        .put("warehouse_stock_on_hand", 70))))
                                .put(
                                        "inventory_adjustment",
                                        new JsonObject()
                                                .put("inventory_adjustment_id", "adj-1")
                                                .put("reference_number", "PO-9")
                                                .put("created_time", "2026-11-30T08:00:01+0000")
                                                .put(
                                                        "line_items",
                                                        new JsonArray()
                                                                .add(line("i-1", "wh-1", 5))
                                                                .add(line("i-9", "wh-1", 50))
                                                                .add(line("i-1", "wh-2", -2))
                                                                .add(line("i-1", "wh-1", 1)))));

        List<ZohoEvent> lines = ZohoInventoryWebhookRoutes.read(event, "evt-1", event.encode());

        assertThat(lines)
                .extracting(e -> e.warehouse() + " " + e.quantity() + " " + e.stockOnHand())
                .containsExactly("wh-1 6 30", "wh-2 -2 70");
        assertThat(lines).allSatisfy(e -> {
            assertThat(e.adjustmentId()).isEqualTo("adj-1");
            assertThat(e.sku()).isEqualTo("W-1");
            assertThat(e.madeAt()).isEqualTo(Instant.parse("2026-11-30T08:00:01Z"));
        });
    }

    @Test
    void a_line_without_a_warehouse_takes_the_items_stock_on_hand() {
        JsonObject event = new JsonObject()
                .put(
                        "data",
                        new JsonObject()
                                .put(
                                        "item",
                                        new JsonObject().put("item_id", "i-1").put("stock_on_hand", 12))
                                .put(
                                        "inventory_adjustment",
                                        new JsonObject()
                                                .put("inventory_adjustment_id", "adj-2")
                                                .put("line_items", new JsonArray().add(line("i-1", null, 3)))));

        assertThat(ZohoInventoryWebhookRoutes.read(event, "evt-2", event.encode()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.warehouse()).isNull();
                    assertThat(e.stockOnHand()).isEqualByComparingTo("12");
                });
    }
}
