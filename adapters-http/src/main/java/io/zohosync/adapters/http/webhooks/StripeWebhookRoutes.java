package io.zohosync.adapters.http.webhooks;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Outcome;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.InboundEvents.Received;
import io.zohosync.ports.out.InboundEvents.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/stripe}: Stripe's events, their {@code Stripe-Signature} checked over the raw bytes
 * ({@link StripeSignature}) before anything is read, read by {@link StripeEvents} and turned into the platform's
 * facts through the one intake: a payment under the Idempotency-Key {@code stripe/<event id>}, each refund under
 * {@code stripe/<event id>/<refund id>}, so an event delivered again does nothing again. An event the service cannot
 * record by itself — a payment naming no customer (202 {@code unmatched}), a failed delayed checkout payment (200
 * {@code payment_failed}) — is held in {@link InboundEvents}, once per event id, before the answer, for an admin to
 * see and match; other types 200 {@code ignored}. Without secrets configured the route answers 404
 * {@code stripe_not_configured}.
 */
public final class StripeWebhookRoutes {

    public static final String PATH = "/webhooks/stripe";

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookRoutes.class);
    /** Kept apart from the platform's own Idempotency-Keys, which are scoped by API key. */
    private static final String KEY_SCOPE = "stripe/";

    private final Optional<StripeWebhookSettings> settings;
    private final Optional<StripeSignature> signature;
    private final StripeEvents events;
    private final RecordEntityUseCase entities;
    private final InboundEvents inbound;
    private final Counter counter;
    private final Clock clock;

    /** Told what became of each verified event, by its type: for a metrics counter. */
    @FunctionalInterface
    public interface Counter {
        /**
         * {@code outcome}: ignored, unmatched, payment_failed, or the intake's (created, updated, unchanged,
         * replayed; {@code mixed} for refunds that differ).
         */
        void count(String eventType, String outcome);
    }

    public StripeWebhookRoutes(
            Optional<StripeWebhookSettings> settings,
            StripeEvents events,
            RecordEntityUseCase entities,
            InboundEvents inbound,
            Counter counter,
            Clock clock) {
        this.settings = settings;
        this.signature = settings.map(s -> new StripeSignature(s.secrets(), s.tolerance()));
        this.events = events;
        this.entities = entities;
        this.inbound = inbound;
        this.counter = counter;
        this.clock = clock;
    }

    public void mount(Router root, long bodyLimit) {
        if (settings.isEmpty()) {
            root.post(PATH).handler(ctx -> {
                throw new Problem(
                        404,
                        "stripe_not_configured",
                        "Stripe webhooks are not configured here (set ZSYNC_STRIPE_WEBHOOK_SECRETS)");
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
        if (!signature.orElseThrow().verifies(ctx.request().getHeader("Stripe-Signature"), bytes, clock.instant())) {
            throw new Problem(
                    400,
                    "invalid_signature",
                    "the Stripe-Signature header is missing, expired or does not sign this body; nothing was stored");
        }
        StripeEvents.Event event = StripeEvents.Event.of(JsonBodies.object(raw));
        String id = event.id();
        String type = event.type();
        Future<Reply> reply;
        StripeEvents.Reading reading = events.read(event);
        if (reading instanceof StripeEvents.Payment payment) {
            reply = entities.record(
                            new Command(EntityType.PAYMENT, null, payment.body(), KEY_SCOPE + id, sha256(bytes)))
                    .map(result -> reply(id, result));
        } else if (reading instanceof StripeEvents.Refunds refunds) {
            reply = refunds(id, refunds.bodies(), sha256(bytes));
        } else if (reading instanceof StripeEvents.Hold hold) {
            reply = hold(event, hold, new String(bytes, StandardCharsets.UTF_8));
        } else {
            reply = Future.succeededFuture(
                    new Reply(200, new JsonObject().put("outcome", "ignored").put("event", id), null));
        }
        reply.onSuccess(r -> counter.count(type, r.body().getString("outcome")))
                .onSuccess(r -> r.send(ctx))
                .onFailure(ctx::fail);
    }

    /** Keeps the event for a person (once per event id; a repeat answers the same and keeps nothing new). */
    private Future<Reply> hold(StripeEvents.Event event, StripeEvents.Hold hold, String body) {
        if (hold.status() == Status.UNMATCHED) {
            LOG.warn("Stripe event {} ({}) held as unmatched: {}", event.id(), event.type(), hold.reason());
        }
        Received received = new Received(
                StripeEvents.SOURCE,
                event.id(),
                event.type(),
                hold.status(),
                hold.reason(),
                clock.instant(),
                hold.amount(),
                hold.currency(),
                hold.customerId(),
                hold.orderId(),
                hold.metadata(),
                body);
        return inbound.keep(received)
                .map(isNew -> hold.status() == Status.UNMATCHED
                        ? new Reply(
                                202,
                                new JsonObject()
                                        .put("outcome", "unmatched")
                                        .put("event", event.id())
                                        .put("reason", hold.reason()),
                                null)
                        : new Reply(
                                200,
                                new JsonObject()
                                        .put("outcome", "payment_failed")
                                        .put("event", event.id()),
                                null));
    }

    /**
     * Each refund through the intake, one after another, under its own key ({@code stripe/<event>/<refund>}); the
     * event's outcome is theirs when they agree, {@code mixed} when not, {@code ignored} when none has succeeded.
     */
    private Future<Reply> refunds(String eventId, List<Map<String, Object>> bodies, String hash) {
        JsonArray each = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (Map<String, Object> body : bodies) {
            String refund = (String) body.get("id");
            chain = chain.compose(x -> entities.record(
                            new Command(EntityType.REFUND, null, body, KEY_SCOPE + eventId + "/" + refund, hash))
                    .map(result -> {
                        Reply one = reply(eventId, result);
                        each.add(new JsonObject()
                                .put("refund", refund)
                                .put("outcome", one.body().getString("outcome")));
                        return null;
                    }));
        }
        return chain.map(x -> {
            Set<String> outcomes = new HashSet<>();
            each.forEach(o -> outcomes.add(((JsonObject) o).getString("outcome")));
            String outcome = outcomes.isEmpty()
                    ? "ignored"
                    : outcomes.size() == 1 ? outcomes.iterator().next() : "mixed";
            boolean queued = outcomes.contains("created") || outcomes.contains("updated");
            return new Reply(
                    queued ? 202 : 200,
                    new JsonObject()
                            .put("outcome", outcome)
                            .put("event", eventId)
                            .put("refunds", each),
                    null);
        });
    }

    private static Reply reply(String eventId, Result result) {
        if (result instanceof Result.Invalid invalid) {
            throw Problem.validation(invalid.errors());
        }
        if (result instanceof Result.KeyReused) {
            throw new Problem(
                    409,
                    "idempotency_key_reused",
                    "this Stripe event id was seen before with a different body; nothing was stored");
        }
        Result.Recorded recorded = (Result.Recorded) result;
        boolean queued = recorded.outcome() == Outcome.CREATED || recorded.outcome() == Outcome.UPDATED;
        return new Reply(
                queued ? 202 : 200,
                new JsonObject()
                        .put("outcome", recorded.outcome().name().toLowerCase(Locale.ROOT))
                        .put("event", eventId)
                        .put("payment", recorded.entity().id()),
                null);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
