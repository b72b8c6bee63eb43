package io.zohosync.adapters.http.webhooks;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.ports.in.BillingEventsUseCase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhooks/zoho-billing}: Zoho Billing's events (issue 10, item 7). The {@code X-Zoho-Webhook-Signature}
 * is checked over the query and the raw bytes ({@link ZohoWebhookSignature}, its encoding configurable) before anything
 * is read: missing or wrong → 400 {@code invalid_signature}, nothing stored. A verified event is handed to the Billing
 * events use case and answered 200 with what became of it ({@code applied}, {@code repeated}, {@code unmatched},
 * {@code ignored}). Without a secret configured: 404 {@code zoho_billing_not_configured}.
 */
public final class ZohoBillingWebhookRoutes {

    public static final String PATH = "/webhooks/zoho-billing";

    private final Optional<ZohoWebhookSignature> signature;
    private final Optional<BillingEventsUseCase> events;

    public ZohoBillingWebhookRoutes(
            Optional<String> secret, ZohoWebhookSignature.Encoding encoding, Optional<BillingEventsUseCase> events) {
        this.signature = secret.map(s -> new ZohoWebhookSignature(s, encoding));
        this.events = events;
    }

    public void mount(Router root, long bodyLimit) {
        if (signature.isEmpty() || events.isEmpty()) {
            root.post(PATH).handler(ctx -> {
                throw new Problem(
                        404,
                        "zoho_billing_not_configured",
                        "Zoho Billing webhooks are not configured here (set ZSYNC_ZOHO_BILLING_WEBHOOK_SECRET)");
            });
            return;
        }
        root.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::receive);
    }

    @SuppressWarnings("unchecked")
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
        String body = new String(bytes, StandardCharsets.UTF_8);
        JsonObject event;
        try {
            event = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new Problem(400, "malformed_json", "the body is not a JSON object");
        }
        String id = text(event.getValue("event_id"));
        if (id == null) {
            throw Problem.invalid("event_id", "is required");
        }
        String type = text(event.getValue("event_type"));
        if (type == null) {
            throw Problem.invalid("event_type", "is required");
        }
        Instant time = BillingEventsUseCase.zohoTime(text(event.getValue("event_time")));
        JsonObject data = event.getValue("data") instanceof JsonObject d ? d : new JsonObject();
        events.orElseThrow()
                .receive(new BillingEventsUseCase.Event(
                        id,
                        type,
                        time == null ? Instant.now() : time,
                        (Map<String, Object>) plain(data),
                        body,
                        "webhook"))
                .map(outcome -> new Reply(
                        200, new JsonObject().put("outcome", outcome.wire()).put("event", id), null))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
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

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : value instanceof Number n ? n.toString() : null;
    }
}
