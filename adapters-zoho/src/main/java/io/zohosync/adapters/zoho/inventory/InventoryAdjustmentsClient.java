package io.zohosync.adapters.zoho.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoStock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Zoho Inventory adapter for {@link ZohoStock}: {@code /inventory/v1/inventoryadjustments} (quantity type, the
 * service's reference number; found again by {@code reference_number}, listed by {@code last_modified_time} sorted
 * oldest first, 200 a page) and {@code /items/{id}}'s {@code stock_on_hand}.
 */
public final class InventoryAdjustmentsClient implements ZohoStock {

    /** Zoho's time stamps: {@code 2026-11-22T02:03:10+0000}. */
    static final DateTimeFormatter ZOHO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    static final int PER_PAGE = 200;

    private final ZohoApi api;

    public InventoryAdjustmentsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<String>> adjust(
            String itemId, String warehouse, BigDecimal quantity, String reference, String reason, LocalDate date) {
        JsonObject line = new JsonObject().put("item_id", itemId).put("quantity_adjusted", quantity);
        if (warehouse != null) {
            line.put("warehouse_id", warehouse);
        }
        JsonObject body = new JsonObject()
                .put("date", date.toString())
                .put("reason", reason)
                .put("adjustment_type", "quantity")
                .put("reference_number", reference)
                .put("line_items", new JsonArray().add(line));
        return api.call(
                ZohoRequest.post(ZohoProduct.INVENTORY, "/inventoryadjustments", body),
                r -> r.getJsonObject("inventory_adjustment", new JsonObject()).getString("inventory_adjustment_id"));
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findAdjustments(String reference) {
        return api.call(
                ZohoRequest.get(ZohoProduct.INVENTORY, "/inventoryadjustments").param("reference_number", reference),
                r -> r.getJsonArray("inventory_adjustments", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .filter(a -> reference.equals(a.getString("reference_number")))
                        .map(a -> a.getString("inventory_adjustment_id"))
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<Page>> modifiedSince(Instant since, int page) {
        return api.call(
                ZohoRequest.get(ZohoProduct.INVENTORY, "/inventoryadjustments")
                        .param("last_modified_time", ZOHO_TIME.format(since.atOffset(ZoneOffset.UTC)))
                        .param("sort_column", "last_modified_time")
                        .param("sort_order", "A")
                        .param("page", page)
                        .param("per_page", PER_PAGE),
                r -> new Page(
                        r.getJsonArray("inventory_adjustments", new JsonArray()).stream()
                                .map(JsonObject.class::cast)
                                .map(InventoryAdjustmentsClient::adjustment)
                                .toList(),
                        r.getJsonObject("page_context", new JsonObject()).getBoolean("has_more_page", false)));
    }

    @Override
    public Future<ZohoOutcome<BigDecimal>> level(String itemId) {
        return api.call(ZohoRequest.get(ZohoProduct.INVENTORY, "/items/" + itemId), r -> {
            BigDecimal level = ZohoJson.decimal(r.getJsonObject("item", new JsonObject()), "stock_on_hand");
            return level == null ? BigDecimal.ZERO : level;
        });
    }

    static Adjustment adjustment(JsonObject a) {
        List<Line> lines = a.getJsonArray("line_items", new JsonArray()).stream()
                .map(JsonObject.class::cast)
                .map(l -> new Line(
                        l.getString("item_id"),
                        ZohoJson.blankToNull(l.getString("sku")),
                        ZohoJson.blankToNull(l.getString("warehouse_id")),
                        ZohoJson.decimal(l, "quantity_adjusted")))
                .filter(l -> l.quantity() != null && l.quantity().signum() != 0)
                .toList();
        String modified = a.getString("last_modified_time", a.getString("created_time"));
        return new Adjustment(
                a.getString("inventory_adjustment_id"),
                ZohoJson.blankToNull(a.getString("reference_number")),
                lines,
                time(modified));
    }

    static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, ZOHO_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
