package io.zohosync.adapters.http.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.out.PlatformOutbox.Attempt;
import io.zohosync.ports.out.PlatformOutbox.Message;
import io.zohosync.ports.out.PlatformOutbox.Page;
import io.zohosync.ports.out.PlatformOutbox.RetryNow;
import io.zohosync.ports.out.PlatformOutbox.Status;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin API for the platform's outbound webhooks: {@code GET /deliveries} (by status and stream, a page at a time
 * after an id), {@code GET /deliveries/{id}} (the message, its body as sent and every attempt), and
 * {@code POST /deliveries/{id}/retry} (a pending or dead message due now; audited against the stream's entity when
 * the stream is named {@code <entity type>:<id>}).
 */
final class DeliveryRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRoutes.class);
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final int MAX_STREAM = 200;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final PlatformOutbox outbox;
    private final AdminAudit audit;
    private final Clock clock;

    DeliveryRoutes(PlatformOutbox outbox, AdminAudit audit, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router admin) {
        admin.get("/deliveries").handler(this::list);
        admin.get("/deliveries/:id").handler(this::show);
        admin.post("/deliveries/:id/retry").handler(this::retry);
    }

    private void list(RoutingContext ctx) {
        var params = ctx.queryParams();
        Optional<Status> status = Optional.ofNullable(params.get("status")).map(DeliveryRoutes::status);
        Optional<String> stream = Optional.ofNullable(params.get("stream")).map(DeliveryRoutes::stream);
        int limit = (int) number(params.get("limit"), "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        long after = number(params.get("after"), "after", 0, Long.MAX_VALUE, 0);
        outbox.list(new Page(status, stream, after, limit))
                .map(messages -> {
                    JsonArray list = new JsonArray();
                    messages.forEach(m -> list.add(json(m)));
                    Long next = messages.size() == limit
                            ? messages.get(messages.size() - 1).id()
                            : null;
                    return Reply.ok(new JsonObject().put("deliveries", list).put("next_after", next));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        long id = id(ctx);
        outbox.find(id)
                .map(found -> {
                    PlatformOutbox.Detail detail = found.orElseThrow(() -> notFound(id));
                    JsonArray attempts = new JsonArray();
                    detail.attempts().forEach(a -> attempts.add(json(a)));
                    return Reply.ok(json(detail.message())
                            .put("data", new JsonObject(detail.message().dataJson()))
                            .put("attempt_log", attempts));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        long id = id(ctx);
        String actor = Actors.of(ctx);
        outbox.find(id)
                .compose(found -> {
                    Message message = found.orElseThrow(() -> notFound(id)).message();
                    return outbox.retryNow(id, clock.instant()).compose(done -> {
                        if (done == RetryNow.UNKNOWN) {
                            throw notFound(id);
                        }
                        if (done == RetryNow.DELIVERED) {
                            throw new Problem(409, "delivery_delivered", "delivery " + id + " was delivered already");
                        }
                        return audited(actor, message).compose(x -> outbox.find(id));
                    });
                })
                .map(found -> Reply.ok(json(found.orElseThrow().message())))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private Future<Void> audited(String actor, Message message) {
        String detail = "delivery " + message.id() + " (" + message.type() + ", "
                + message.status().wire() + " after " + message.attempts() + " attempts) made due now";
        Optional<EntityRef> entity = entity(message.stream());
        if (entity.isEmpty()) {
            LOG.info("admin {}: {} (stream {} names no entity for the audit)", actor, detail, message.stream());
            return Future.succeededFuture();
        }
        return audit.record(new AdminActionEntry(actor, "retry_delivery", entity.get(), null, clock.instant(), detail));
    }

    /** The entity a stream named {@code <entity type>:<id>} is about. */
    static Optional<EntityRef> entity(String stream) {
        int colon = stream.indexOf(':');
        if (colon < 1 || colon == stream.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new EntityRef(EntityType.fromWire(stream.substring(0, colon)), stream.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonObject json(Message m) {
        return new JsonObject()
                .put("id", m.id())
                .put("webhook_id", m.messageId().toString())
                .put("type", m.type())
                .put("stream", m.stream())
                .put("status", m.status().wire())
                .put("attempts", m.attempts())
                .put("occurred_at", m.occurredAt().toString())
                .put("created_at", m.createdAt().toString())
                .put(
                        "next_attempt_at",
                        m.status() == Status.PENDING ? m.nextAttemptAt().toString() : null)
                .put(
                        "delivered_at",
                        m.deliveredAt() == null ? null : m.deliveredAt().toString())
                .put("last_error", m.lastError());
    }

    private static JsonObject json(Attempt a) {
        return new JsonObject()
                .put("attempt", a.number())
                .put("at", a.at().toString())
                .put("http_status", a.httpStatus())
                .put("error", a.error())
                .put("duration_ms", a.durationMs());
    }

    private static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        if (raw == null || !ID.matcher(raw).matches()) {
            throw new Problem(404, "delivery_not_found", "no delivery " + raw);
        }
        return Long.parseLong(raw);
    }

    private static Status status(String raw) {
        try {
            return Status.fromWire(raw);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(
                    "status",
                    "must be one of "
                            + List.of(Status.values()).stream()
                                    .map(Status::wire)
                                    .toList());
        }
    }

    private static String stream(String raw) {
        if (raw.isBlank() || raw.length() > MAX_STREAM) {
            throw Problem.invalid("stream", "must be a stream key of 1 to " + MAX_STREAM + " characters");
        }
        return raw;
    }

    private static long number(String raw, String name, long min, long max, long fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.invalid(name, "must be a whole number from " + min + " to " + max);
    }

    private static Problem notFound(long id) {
        return new Problem(404, "delivery_not_found", "no delivery " + id);
    }
}
