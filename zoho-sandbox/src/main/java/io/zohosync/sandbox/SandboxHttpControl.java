package io.zohosync.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.sandbox.core.Fault;
import io.zohosync.sandbox.core.Limit;
import io.zohosync.sandbox.core.SandboxRecord;
import io.zohosync.sandbox.core.WebhookAttempt;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@link SandboxInspection} and {@link SandboxControl} over HTTP, for a sandbox run as a jar by tests in any language,
 * under {@code /__sandbox}: a prefix no Zoho product uses. It takes no token; the sandbox listens on 127.0.0.1 only.
 * Bad input answers 400 {@code {"code":"invalid_control","message":..}} and changes nothing.
 */
final class SandboxHttpControl {
    static final String PREFIX = "/__sandbox";

    private final ZohoSandbox sandbox;
    private final SandboxInspection inspect;
    private final SandboxControl control;

    private SandboxHttpControl(ZohoSandbox sandbox) {
        this.sandbox = sandbox;
        this.inspect = sandbox.inspect();
        this.control = sandbox.control();
    }

    static void mount(Router router, ZohoSandbox sandbox) {
        SandboxHttpControl api = new SandboxHttpControl(sandbox);
        router.get(PREFIX + "/calls").handler(api::calls);
        router.get(PREFIX + "/records").handler(api::records);
        router.get(PREFIX + "/webhooks").handler(api::webhooks);
        router.post(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        post(router, "/clock", api::clock);
        post(router, "/faults", api::faults);
        post(router, "/limits", api::limits);
        post(router, "/latency", (rc, body) -> {
            api.control.latency(Duration.ofMillis(nonNegative(body, "millis")));
            api.ok(rc);
        });
        post(router, "/strict", (rc, body) -> {
            api.control.strict(body.getBoolean("strict", true));
            api.ok(rc);
        });
        post(router, "/reset", (rc, body) -> {
            api.control.reset();
            api.ok(rc);
        });
        post(router, "/tokens/expire", (rc, body) -> {
            api.control.expireAccessTokens();
            api.ok(rc);
        });
        post(router, "/tokens/revoke", (rc, body) -> {
            String token = body.getString("token");
            if (token == null || token.isBlank()) throw new IllegalArgumentException("token is required");
            send(rc, 200, new JsonObject().put("revoked", api.control.revoke(token)));
        });
        router.route(PREFIX + "/*")
                .handler(rc ->
                        invalid(rc, 404, "no such control: " + rc.request().path()));
    }

    private static void post(Router router, String path, BiConsumer<RoutingContext, JsonObject> handler) {
        router.post(PREFIX + path).handler(rc -> {
            JsonObject body;
            try {
                JsonObject sent = rc.body().length() <= 0 ? null : rc.body().asJsonObject();
                body = sent == null ? new JsonObject() : sent;
            } catch (RuntimeException e) {
                invalid(rc, 400, "the body must be a JSON object");
                return;
            }
            try {
                handler.accept(rc, body);
            } catch (IllegalArgumentException | ClassCastException e) {
                invalid(rc, 400, e.getMessage());
            }
        });
    }

    /** Calls per endpoint (refused ones included), 429s per limit, token refreshes granted and throttled. */
    private void calls(RoutingContext rc) {
        JsonObject tooMany = new JsonObject().put("total", inspect.tooManyRequests());
        for (Limit limit : Limit.values()) tooMany.put(limit.name(), inspect.tooManyRequests(limit));
        send(
                rc,
                200,
                new JsonObject()
                        .put("calls", new JsonObject(Map.copyOf(inspect.calls())))
                        .put("too_many_requests", tooMany)
                        .put("token_refreshes", inspect.tokenRefreshes())
                        .put("token_refreshes_denied", inspect.tokenRefreshesDenied()));
    }

    /** {@code ?marker=}: the records carrying it, as {@link SandboxInspection#recordsFor} finds them. */
    private void records(RoutingContext rc) {
        String marker = rc.request().getParam("marker");
        if (marker == null || marker.isBlank()) {
            invalid(rc, 400, "marker is required");
            return;
        }
        JsonArray records = new JsonArray();
        for (SandboxRecord r : inspect.recordsFor(marker)) {
            records.add(new JsonObject()
                    .put("product", r.product())
                    .put("entity", r.entity())
                    .put("id", r.id())
                    .put("body", r.body()));
        }
        send(rc, 200, new JsonObject().put("records", records));
    }

    private void webhooks(RoutingContext rc) {
        JsonArray attempts = new JsonArray();
        for (WebhookAttempt a : inspect.webhooks()) {
            attempts.add(new JsonObject()
                    .put("product", a.product())
                    .put("event_id", a.eventId())
                    .put("event_type", a.eventType())
                    .put("webhook_id", a.webhookId())
                    .put("url", a.url())
                    .put("body", a.body())
                    .put("signature", a.signature())
                    .put("attempt", a.attempt())
                    .put("status", a.status())
                    .put("delivered", a.delivered())
                    .put("retrying", a.retrying()));
        }
        send(rc, 200, new JsonObject().put("webhooks", attempts));
    }

    /** {@code {"advance_seconds": n}} moves the clock, {@code {"time_scale": x}} changes its pace; answers the time. */
    private void clock(RoutingContext rc, JsonObject body) {
        if (body.containsKey("time_scale")) {
            double scale = body.getDouble("time_scale");
            if (!(scale > 0)) throw new IllegalArgumentException("time_scale must be positive");
            control.timeScale(scale);
        }
        if (body.containsKey("advance_seconds"))
            control.advanceClock(Duration.ofSeconds(nonNegative(body, "advance_seconds")));
        send(
                rc,
                200,
                new JsonObject().put("now", sandbox.context().clock().now().toString()));
    }

    /** {@code {"fail_next": "SERVER_ERROR", "times": n}} and/or {@code {"error_rate": 0.1, "kinds": [..]}}. */
    private void faults(RoutingContext rc, JsonObject body) {
        if (body.containsKey("fail_next")) {
            control.failNext(fault(body.getString("fail_next")), (int) positive(body, "times", 1));
        }
        if (body.containsKey("error_rate")) {
            double rate = body.getDouble("error_rate");
            if (rate < 0 || rate > 1) throw new IllegalArgumentException("error_rate must be within 0..1");
            JsonArray kinds = body.getJsonArray("kinds", new JsonArray());
            control.errorRate(
                    rate, kinds.stream().map(k -> fault(String.valueOf(k))).toArray(Fault[]::new));
        }
        ok(rc);
    }

    /** {@code {"per_minute": {"books": n}, "per_day": n, "concurrency": n, "reset": true}}; each part optional. */
    private void limits(RoutingContext rc, JsonObject body) {
        JsonObject perMinute = body.getJsonObject("per_minute", new JsonObject());
        perMinute.fieldNames().forEach(product -> positive(perMinute, product, 1));
        if (body.containsKey("per_day")) positive(body, "per_day", 1);
        if (body.containsKey("concurrency")) positive(body, "concurrency", 1);
        perMinute.fieldNames().forEach(product -> control.perMinuteLimit(product, perMinute.getInteger(product)));
        if (body.containsKey("per_day")) control.dailyLimit(body.getInteger("per_day"));
        if (body.containsKey("concurrency")) control.concurrencyLimit(body.getInteger("concurrency"));
        if (body.getBoolean("reset", false)) control.resetLimits();
        ok(rc);
    }

    private static Fault fault(String name) {
        try {
            return Fault.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("fault must be one of " + Arrays.toString(Fault.values()));
        }
    }

    private static long positive(JsonObject body, String field, long fallback) {
        long value = body.getLong(field, fallback);
        if (value < 1) throw new IllegalArgumentException(field + " must be at least 1");
        return value;
    }

    private static long nonNegative(JsonObject body, String field) {
        Long value = body.getLong(field);
        if (value == null || value < 0) throw new IllegalArgumentException(field + " must be a number of at least 0");
        return value;
    }

    private void ok(RoutingContext rc) {
        send(rc, 200, new JsonObject().put("ok", true));
    }

    private static void invalid(RoutingContext rc, int status, String message) {
        send(rc, status, new JsonObject().put("code", "invalid_control").put("message", message));
    }

    private static void send(RoutingContext rc, int status, JsonObject body) {
        rc.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(body.encode());
    }
}
