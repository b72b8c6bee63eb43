package io.zohosync.sandbox.billing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.WebhookAttempt;
import io.zohosync.sandbox.core.Webhooks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/** Billing's data kept in the core {@link Ledger}, plus what Billing adds: every change becomes an event and a webhook. */
final class BillingLedger {
    static final String EVENTS = "events";

    private final SandboxContext context;
    private final Ledger ledger;

    BillingLedger(SandboxContext context) {
        this.context = context;
        this.ledger = new Ledger(context, BillingApi.PRODUCT);
    }

    String newId() {
        return ledger.newId();
    }

    String now() {
        return ledger.now();
    }

    Instant instant() {
        return context.clock().now();
    }

    LocalDate today() {
        return LocalDate.ofInstant(context.clock().now(), ZoneOffset.UTC);
    }

    /** Counts a call to a route outside the API guard (the hosted page's checkout) for inspection. */
    void called(String endpoint) {
        context.recorder().call(endpoint);
    }

    String baseUrl() {
        return context.baseUrl();
    }

    JsonObject find(String entity, String id) {
        return ledger.find(entity, id);
    }

    List<JsonObject> all(String entity) {
        return ledger.all(entity);
    }

    /** Stores (or replaces) a record, indexed for inspection by exact {@code keys} and free {@code texts}. */
    void save(String entity, String id, JsonObject record, Collection<String> keys, Collection<String> texts) {
        ledger.save(entity, id, record, keys, texts);
    }

    /** Records a Billing event about {@code entity} as Zoho shows it (kept for {@code GET /events}) and POSTs it to the webhook. */
    void event(String type, String key, JsonObject entity) {
        event(type, new JsonObject().put(key, entity.copy()));
    }

    /** An event whose data names two objects (a payment and its invoice, a card and its customer). */
    void event(String type, String key, JsonObject entity, String otherKey, JsonObject other) {
        event(type, new JsonObject().put(key, entity.copy()).put(otherKey, other.copy()));
    }

    private void event(String type, JsonObject data) {
        String id = newId();
        String time = now();
        JsonObject event = new JsonObject()
                .put("event_id", id)
                .put("event_type", type)
                .put("event_time", time)
                .put("payload", data.encode())
                .put("webhooks", new JsonArray());
        save(EVENTS, id, event, List.of(id), List.of());
        Webhooks.of(context).send(BillingApi.PRODUCT, id, type, time, data, this::delivery);
    }

    /** Shows a webhook attempt on its event, as Zoho's event object does: {@code success}, {@code scheduled} (a retry is due) or {@code failure}. */
    private void delivery(WebhookAttempt attempt) {
        JsonObject event = find(EVENTS, attempt.eventId());
        String status = attempt.delivered() ? "success" : attempt.retrying() ? "scheduled" : "failure";
        event.put(
                "webhooks",
                new JsonArray()
                        .add(new JsonObject()
                                .put("webhook_id", attempt.webhookId())
                                .put("url", attempt.url())
                                .put("status", status)
                                .put("last_updated_time", now())));
        save(EVENTS, attempt.eventId(), event, List.of(attempt.eventId()), List.of());
    }

    /** The fields of {@code record} Zoho's document lists for one answer, in that order; the sandbox keeps more for itself. */
    static JsonObject only(JsonObject record, List<String> fields) {
        JsonObject view = new JsonObject();
        for (String field : fields) {
            if (record.containsKey(field)) view.put(field, record.getValue(field));
        }
        return view;
    }

    static JsonObject body(RoutingContext rc) {
        JsonObject body = rc.body().length() == 0 ? null : rc.body().asJsonObject();
        return body == null ? new JsonObject() : body;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static double money(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
