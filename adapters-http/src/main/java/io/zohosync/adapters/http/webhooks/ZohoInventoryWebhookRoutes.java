package io.zohosync.adapters.http.webhooks;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.ports.in.StockUseCase;
import io.zohosync.ports.in.StockUseCase.ZohoEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/zoho-inventory}: Zoho Inventory's stock changes (issue 11). The
 * {@code X-Zoho-Webhook-Signature} is checked over the query and the raw bytes ({@link ZohoWebhookSignature}) before
 * anything is read: missing or wrong → 400 {@code invalid_signature}, nothing stored. An {@code item_stock_changed}
 * event is handed to the stock use case (applied once, the service's own adjustment recognised, an unknown item kept
 * for an admin) and answered 200 with what became of it; other types 200 {@code ignored}. Without a secret configured:
 * 404 {@code zoho_inventory_not_configured}.
 */
public final class ZohoInventoryWebhookRoutes {

    public static final String PATH = "/webhooks/zoho-inventory";
    static final String STOCK_CHANGED = "item_stock_changed";

    private final Optional<ZohoWebhookSignature> signature;
    private final Optional<StockUseCase> stock;

    public ZohoInventoryWebhookRoutes(Optional<String> secret, Optional<StockUseCase> stock) {
        this.signature = secret.map(ZohoWebhookSignature::new);
        this.stock = stock;
    }

    public void mount(Router root, long bodyLimit) {
        if (signature.isEmpty() || stock.isEmpty()) {
            root.post(PATH).handler(ctx -> {
                throw new Problem(
                        404,
                        "zoho_inventory_not_configured",
                        "Zoho Inventory webhooks are not configured here (set ZSYNC_ZOHO_INVENTORY_WEBHOOK_SECRET)");
            });
            return;
        }
        root.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::receive);
    }

    private void receive(RoutingContext ctx) {
        Buffer raw = ctx.body().buffer();
        byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
        Map<String, List<String>> query = new LinkedHashMap<>();
        ctx.queryParams()
                .names()
                .forEach(name ->
                        query.put(name, new ArrayList<>(ctx.queryParams().getAll(name))));
        if (!signature.orElseThrow().verifies(ctx.request().getHeader("X-Zoho-Webhook-Signature"), query, bytes)) {
            throw new Problem(
                    400,
                    "invalid_signature",
                    "the X-Zoho-Webhook-Signature header is missing or does not sign this request; nothing was stored");
        }
        JsonObject event;
        try {
            event = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new Problem(400, "malformed_json", "the body is not a JSON object");
        }
        String id = event.getValue("event_id") instanceof String s ? s : null;
        if (id == null || id.isBlank()) {
            throw Problem.invalid("event_id", "is required");
        }
        Future<String> outcome = STOCK_CHANGED.equals(event.getValue("event_type"))
                ? events(event, id, new String(bytes, StandardCharsets.UTF_8))
                : Future.succeededFuture("ignored");
        outcome.map(o -> new Reply(200, new JsonObject().put("outcome", o).put("event", id), null))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private Future<String> events(JsonObject event, String id, String rawBody) {
        List<ZohoEvent> lines = read(event, id, rawBody);
        return lines.isEmpty()
                ? Future.succeededFuture("ignored")
                : stock.orElseThrow().zohoEvent(lines).map(StockUseCase.Pulled::wire);
    }

    /**
     * The stock change an event describes: its item's lines of the adjustment, one per warehouse (lines of one
     * warehouse summed), each with the item's stock after it in that warehouse ({@code warehouses[]
     * .warehouse_stock_on_hand}) or, with none named, the item's {@code stock_on_hand}; empty when it names none.
     */
    static List<ZohoEvent> read(JsonObject event, String id, String rawBody) {
        JsonObject data = object(event.getValue("data"));
        JsonObject item = object(data.getValue("item"));
        JsonObject adjustment = object(data.getValue("inventory_adjustment"));
        String itemId = text(item.getValue("item_id"));
        String adjustmentId = text(adjustment.getValue("inventory_adjustment_id"));
        JsonArray lines = adjustment.getValue("line_items") instanceof JsonArray array ? array : new JsonArray();
        Map<String, BigDecimal> byWarehouse = new LinkedHashMap<>();
        String sku = null;
        for (Object value : lines) {
            JsonObject line = object(value);
            String lineItem = text(line.getValue("item_id"));
            BigDecimal quantity = decimal(line.getValue("quantity_adjusted"));
            if (lineItem == null || !lineItem.equals(itemId) || quantity == null || quantity.signum() == 0) {
                continue;
            }
            sku = text(line.getValue("sku")) != null ? text(line.getValue("sku")) : text(item.getValue("sku"));
            String warehouse = text(line.getValue("warehouse_id"));
            byWarehouse.merge(warehouse == null ? "" : warehouse, quantity, BigDecimal::add);
        }
        if (sku == null || adjustmentId == null) {
            return List.of();
        }
        List<ZohoEvent> events = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> line : byWarehouse.entrySet()) {
            String warehouse = line.getKey().isEmpty() ? null : line.getKey();
            if (line.getValue().signum() == 0) {
                continue;
            }
            events.add(new ZohoEvent(
                    id,
                    STOCK_CHANGED,
                    adjustmentId,
                    text(adjustment.getValue("reference_number")),
                    itemId,
                    sku,
                    warehouse,
                    line.getValue(),
                    warehouse == null ? decimal(item.getValue("stock_on_hand")) : warehouseStock(item, warehouse),
                    time(text(adjustment.getValue("created_time"))),
                    text(data.getValue("source")),
                    rawBody));
        }
        return events;
    }

    /** The item's stock in {@code warehouse} as Zoho lists it ({@code warehouses[]}), or null when not listed. */
    private static BigDecimal warehouseStock(JsonObject item, String warehouse) {
        JsonArray warehouses = item.getValue("warehouses") instanceof JsonArray a ? a : new JsonArray();
        for (Object value : warehouses) {
            JsonObject w = object(value);
            if (warehouse.equals(text(w.getValue("warehouse_id")))) {
                return decimal(w.getValue("warehouse_stock_on_hand"));
            }
        }
        return null;
    }

    /** Zoho's time stamp ({@code 2026-11-22T02:03:10+0000}), or null. */
    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, ZOHO_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final DateTimeFormatter ZOHO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private static JsonObject object(Object value) {
        return value instanceof JsonObject o ? o : new JsonObject();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : value instanceof Number n ? n.toString() : null;
    }

    private static BigDecimal decimal(Object value) {
        try {
            return value instanceof Number n
                    ? new BigDecimal(n.toString())
                    : value instanceof String s ? new BigDecimal(s) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
