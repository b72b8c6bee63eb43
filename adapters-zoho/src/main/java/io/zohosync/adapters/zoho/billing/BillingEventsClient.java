package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoBillingEvents;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Zoho Billing adapter for {@link ZohoBillingEvents}: {@code GET /billing/v1/events} and {@code /events/{event_id}}. */
public final class BillingEventsClient implements ZohoBillingEvents {

    private final ZohoApi api;

    public BillingEventsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<Page>> list(int page, int perPage) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/events")
                        .param("page", page)
                        .param("per_page", perPage),
                r -> new Page(
                        r.getJsonArray("events", new JsonArray()).stream()
                                .map(JsonObject.class::cast)
                                .map(e -> new Listed(
                                        String.valueOf(e.getValue("event_id")),
                                        e.getString("event_type"),
                                        e.getString("event_time")))
                                .toList(),
                        r.getJsonObject("page_context", new JsonObject()).getBoolean("has_more_page", false)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Future<ZohoOutcome<Map<String, Object>>> payload(String eventId) {
        return api.call(ZohoRequest.get(ZohoProduct.BILLING, "/events/" + eventId), r -> {
            Object payload = r.getJsonObject("event", new JsonObject()).getValue("payload");
            try {
                JsonObject read = payload instanceof JsonObject o
                        ? o
                        : payload instanceof String s && !s.isBlank() ? new JsonObject(s) : new JsonObject();
                return (Map<String, Object>) plain(read);
            } catch (DecodeException | ClassCastException e) {
                return Map.of();
            }
        });
    }
    /** JSON as plain maps and lists, without nulls (the use case's maps are immutable copies). */
    @SuppressWarnings("unchecked")
    static Object plain(Object value) {
        if (value instanceof JsonObject o) {
            return plain(o.getMap());
        }
        if (value instanceof io.vertx.core.json.JsonArray a) {
            return plain(a.getList());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), plain(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> {
                if (v != null) {
                    out.add(plain(v));
                }
            });
            return out;
        }
        return value;
    }
}
