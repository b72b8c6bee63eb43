package io.zohosync.adapters.http.admin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.adapters.http.webhooks.StripeEvents;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.in.SyncStatusQuery;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.InboundEvents.Detail;
import io.zohosync.ports.out.InboundEvents.Kept;
import io.zohosync.ports.out.InboundEvents.Page;
import io.zohosync.ports.out.InboundEvents.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admin API for the provider events held for a person: {@code GET /inbound-events} (by status and source, a page at
 * a time after an id), {@code GET /inbound-events/{id}} (with the body as received), and
 * {@code POST /inbound-events/{id}/match} — an unmatched Stripe payment replayed through the webhook's own reading
 * ({@link StripeEvents}) for the customer (and order) the admin names, recorded by the intake under the webhook's
 * Idempotency-Key {@code stripe/<event id>}, then marked resolved by that admin.
 */
final class InboundEventRoutes {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9_-]{1,40}");

    private final InboundEvents held;
    private final StripeEvents stripe;
    private final RecordEntityUseCase entities;
    private final SyncStatusQuery status;
    private final AdminAudit audit;
    private final Clock clock;

    InboundEventRoutes(
            InboundEvents held,
            StripeEvents stripe,
            RecordEntityUseCase entities,
            SyncStatusQuery status,
            AdminAudit audit,
            Clock clock) {
        this.held = held;
        this.status = status;
        this.audit = audit;
        this.stripe = stripe;
        this.entities = entities;
        this.clock = clock;
    }

    void mount(Router admin, long bodyLimit) {
        admin.get("/inbound-events").handler(this::list);
        admin.get("/inbound-events/:id").handler(this::show);
        admin.post("/inbound-events/:id/match")
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::match);
    }

    private void list(RoutingContext ctx) {
        var params = ctx.queryParams();
        Optional<Status> status = Optional.ofNullable(params.get("status")).map(InboundEventRoutes::status);
        Optional<String> source = Optional.ofNullable(params.get("source")).map(InboundEventRoutes::source);
        int limit = (int) number(params.get("limit"), "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        long after = number(params.get("after"), "after", 0, Long.MAX_VALUE, 0);
        held.list(new Page(status, source, after, limit))
                .map(events -> {
                    JsonArray list = new JsonArray();
                    events.forEach(e -> list.add(json(e)));
                    Long next = events.size() == limit
                            ? events.get(events.size() - 1).id()
                            : null;
                    return Reply.ok(new JsonObject().put("events", list).put("next_after", next));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        long id = id(ctx);
        held.find(id)
                .map(found -> {
                    Detail detail = found.orElseThrow(() -> notFound(id));
                    return Reply.ok(json(detail.event()).put("body", new JsonObject(detail.rawBody())));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void match(RoutingContext ctx) {
        long id = id(ctx);
        Buffer body = ctx.body().buffer();
        if (body != null && body.length() > 0) {
            JsonBodies.requireJson(ctx, "the match");
        }
        Map<String, Object> json = body == null || body.length() == 0 ? Map.of() : JsonBodies.object(body);
        String customer = platformId(json, "customer_id", true);
        String order = platformId(json, "order_id", false);
        String by = "admin:" + BearerAuth.caller(ctx);
        String actor = Actors.of(ctx);
        held.find(id)
                .compose(found -> {
                    Detail detail = found.orElseThrow(() -> notFound(id));
                    Map<String, Object> payment = payment(detail, customer, order);
                    return sent(EntityType.CUSTOMER, customer, "customer_id", "customer")
                            .compose(x -> order == null
                                    ? Future.succeededFuture()
                                    : sent(EntityType.INVOICE, order, "order_id", "order"))
                            .map(x -> new Detailed(detail, payment));
                })
                .compose(matched -> {
                    Detail detail = matched.detail();
                    Kept event = detail.event();
                    Map<String, Object> payment = matched.payment();
                    Command command = new Command(
                            EntityType.PAYMENT,
                            null,
                            payment,
                            "stripe/" + event.eventId(),
                            sha256(detail.rawBody() + '\n' + customer + '\n' + (order == null ? "" : order)));
                    return entities.record(command)
                            .compose(result -> resolve(event, result, by, customer, order))
                            .compose(reply -> audit.record(new AdminActionEntry(
                                            actor,
                                            "match",
                                            new EntityRef(EntityType.PAYMENT, reply.payment()),
                                            null,
                                            clock.instant(),
                                            "held " + event.source() + " event " + event.eventId()
                                                    + " matched to customer " + customer
                                                    + (order == null ? "" : ", order " + order)))
                                    .map(reply.reply()));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    /** A held event and the payment it becomes. */
    private record Detailed(Detail detail, Map<String, Object> payment) {}

    /**
     * Succeeds when the platform has sent the entity {@code id}; else a 422 naming {@code field}: a match to a mistyped
     * id would be resolved for good, with a payment waiting for a customer that never comes.
     */
    private Future<Void> sent(EntityType type, String id, String field, String noun) {
        return status.records(new EntityRef(type, id)).map(records -> {
            if (records.isEmpty()) {
                throw Problem.invalid(field, "the platform has sent no " + noun + " " + id + "; nothing was matched");
            }
            return null;
        });
    }

    /** The payment the held event becomes for these ids; 409 when it is resolved or no payment to match. */
    private Map<String, Object> payment(Detail detail, String customer, String order) {
        Kept event = detail.event();
        if (event.status() == Status.RESOLVED) {
            throw resolved(event);
        }
        if (event.status() != Status.UNMATCHED || !StripeEvents.SOURCE.equals(event.source())) {
            throw notMatchable(event, "only an unmatched Stripe payment can be matched to a customer");
        }
        StripeEvents.Event parsed = StripeEvents.Event.of(JsonBodies.object(Buffer.buffer(detail.rawBody(), "UTF-8")));
        return stripe.payment(parsed, customer, order)
                .orElseThrow(() -> notMatchable(event, "a " + event.type() + " event is not a payment"));
    }

    /** The reply to a match and the payment it recorded. */
    private record Matched(Reply reply, String payment) {}

    private Future<Matched> resolve(Kept event, Result result, String by, String customer, String order) {
        if (result instanceof Result.Invalid invalid) {
            throw Problem.validation(invalid.errors());
        }
        if (result instanceof Result.KeyReused) {
            throw new Problem(
                    409,
                    "idempotency_key_reused",
                    "this Stripe event was already recorded with other ids; nothing was stored");
        }
        Result.Recorded recorded = (Result.Recorded) result;
        String outcome = recorded.outcome().name().toLowerCase(Locale.ROOT);
        String resolution = "matched to customer " + customer + (order == null ? "" : ", order " + order) + ": payment "
                + recorded.entity().id() + " " + outcome;
        EntityRef payment = new EntityRef(EntityType.PAYMENT, recorded.entity().id());
        return held.resolve(event.id(), by, resolution, payment, clock.instant())
                .compose(done -> {
                    if (!done) {
                        throw resolved(event);
                    }
                    return held.find(event.id());
                })
                .map(found -> new Matched(
                        Reply.ok(json(found.orElseThrow().event())
                                .put(
                                        "payment",
                                        new JsonObject()
                                                .put("id", recorded.entity().id())
                                                .put("outcome", outcome))),
                        payment.id()));
    }

    private static JsonObject json(Kept e) {
        JsonObject metadata = new JsonObject();
        e.metadata().forEach(metadata::put);
        return new JsonObject()
                .put("id", e.id())
                .put("source", e.source())
                .put("event_id", e.eventId())
                .put("type", e.type())
                .put("status", e.status().wire())
                .put("reason", e.reason())
                .put("received_at", e.receivedAt().toString())
                .put("amount", e.amount() == null ? null : e.amount().toPlainString())
                .put("currency", e.currency())
                .put("customer_id", e.customerId())
                .put("order_id", e.orderId())
                .put("metadata", metadata)
                .put(
                        "resolved_at",
                        e.resolvedAt() == null ? null : e.resolvedAt().toString())
                .put("resolved_by", e.resolvedBy())
                .put("resolution", e.resolution());
    }

    /** A platform id from the match body: a string, trimmed, not blank, no longer than any id. */
    private static String platformId(Map<String, Object> json, String field, boolean required) {
        Object value = json.get(field);
        if (value == null) {
            if (required) {
                throw Problem.invalid(field, "is required: the platform's " + field.replace("_id", "") + " id");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw Problem.invalid(field, "must be a string");
        }
        String id = text.trim();
        if (!Ids.plausible(id)) {
            throw Problem.invalid(field, "must be a platform id: 1 to " + Ids.MAX_LENGTH + " characters, not blank");
        }
        return id;
    }

    private static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        if (raw == null || !ID.matcher(raw).matches()) {
            throw new Problem(404, "inbound_event_not_found", "no held inbound event " + raw);
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

    private static String source(String raw) {
        if (!SOURCE.matcher(raw).matches()) {
            throw Problem.invalid("source", "must be a source name such as " + StripeEvents.SOURCE);
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
        return new Problem(404, "inbound_event_not_found", "no held inbound event " + id);
    }

    private static Problem resolved(Kept event) {
        return new Problem(
                409, "inbound_event_resolved", "held event " + event.id() + " (" + event.eventId() + ") is resolved");
    }

    private static Problem notMatchable(Kept event, String why) {
        return new Problem(
                409,
                "inbound_event_not_matchable",
                why + "; held event " + event.id() + " is " + event.status().wire() + ": " + event.reason());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
