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

    /** Every page of the search (at most {@link #MAX_SEARCH_PAGES}; a reference is the service's own, so few). */
    @Override
    public Future<ZohoOutcome<List<String>>> findAdjustments(String reference) {
        return findAdjustments(reference, 1, List.of());
    }

    static final int MAX_SEARCH_PAGES = 10;

    private Future<ZohoOutcome<List<String>>> findAdjustments(String reference, int page, List<String> found) {
        return api.<SearchPage>call(
                        ZohoRequest.get(ZohoProduct.INVENTORY, "/inventoryadjustments")
                                .param("reference_number", reference)
                                .param("page", page)
                                .param("per_page", PER_PAGE),
                        r -> new SearchPage(
                                r.getJsonArray("inventory_adjustments", new JsonArray()).stream()
                                        .map(JsonObject.class::cast)
                                        .filter(a -> reference.equals(a.getString("reference_number")))
                                        .map(a -> a.getString("inventory_adjustment_id"))
                                        .toList(),
                                r.getJsonObject("page_context", new JsonObject())
                                        .getBoolean("has_more_page", false)))
                .compose(outcome -> {
                    if (!(outcome instanceof ZohoOutcome.Success<SearchPage> ok)) {
                        return Future.succeededFuture(ZohoOutcome.retype(outcome));
                    }
                    List<String> all = new java.util.ArrayList<>(found);
                    all.addAll(ok.value().ids());
                    if (ok.value().more() && all.isEmpty() && page < MAX_SEARCH_PAGES) {
                        return findAdjustments(reference, page + 1, all);
                    }
                    return Future.succeededFuture(new ZohoOutcome.Success<>(List.copyOf(all)));
                });
    }

    private record SearchPage(List<String> ids, boolean more) {}

    @Override
    public Future<ZohoOutcome<Adjustment>> adjustment(String id) {
        return api.call(
                ZohoRequest.get(ZohoProduct.INVENTORY, "/inventoryadjustments/" + id),
                r -> adjustment(r.getJsonObject("inventory_adjustment", new JsonObject())));
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

    /** A warehouse's own stock: {@code warehouses[].warehouse_stock_on_hand} of the item (none listed: zero). */
    @Override
    public Future<ZohoOutcome<BigDecimal>> level(String itemId, String warehouse) {
        if (warehouse == null) {
            return level(itemId);
        }
        return api.call(ZohoRequest.get(ZohoProduct.INVENTORY, "/items/" + itemId), r -> {
            BigDecimal level = warehouseLevel(r.getJsonObject("item", new JsonObject()), warehouse);
            return level == null ? BigDecimal.ZERO : level;
        });
    }

    /** The item's stock in {@code warehouse} as Zoho lists it, or null when the item lists no such warehouse. */
    public static BigDecimal warehouseLevel(JsonObject item, String warehouse) {
        JsonArray warehouses = item.getValue("warehouses") instanceof JsonArray a ? a : new JsonArray();
        for (Object value : warehouses) {
            if (value instanceof JsonObject w && warehouse.equals(String.valueOf(w.getValue("warehouse_id")))) {
                return ZohoJson.decimal(w, "warehouse_stock_on_hand");
            }
        }
        return null;
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
                time(modified),
                time(a.getString("created_time")));
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
