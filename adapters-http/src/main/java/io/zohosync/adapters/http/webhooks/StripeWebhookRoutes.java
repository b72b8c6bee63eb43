package io.zohosync.adapters.http.webhooks;

import io.vertx.core.buffer.Buffer;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/stripe}: Stripe's events, their {@code Stripe-Signature} checked over the raw bytes
 * ({@link StripeSignature}) before anything is read, turned into the platform's facts through the one intake.
 * {@code payment_intent.succeeded} and a paid {@code checkout.session.completed} become a payment whose id is the
 * payment intent's (so does {@code checkout.session.async_payment_succeeded}, a delayed method settling), in the
 * currency's major units, method {@code stripe}, for the customer and order named in the
 * event's metadata; the Stripe event id is the Idempotency-Key, so an event delivered again does nothing again.
 * An event naming no customer is answered 202 {@code unmatched} and logged, never guessed; other types 200
 * {@code ignored}. Without secrets configured the route answers 404 {@code stripe_not_configured}.
 */
public final class StripeWebhookRoutes {

    public static final String PATH = "/webhooks/stripe";

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookRoutes.class);
    /** Kept apart from the platform's own Idempotency-Keys, which are scoped by API key. */
    private static final String KEY_SCOPE = "stripe/";
    /** 9999-12-31T23:59:59Z: a created time beyond it is no date. */
    private static final BigDecimal LAST_DAY = BigDecimal.valueOf(253_402_300_799L);

    private final Optional<StripeWebhookSettings> settings;
    private final Optional<StripeSignature> signature;
    private final RecordEntityUseCase entities;
    private final Counter counter;
    private final Clock clock;

    /** Told what became of each verified event, by its type: for a metrics counter. */
    @FunctionalInterface
    public interface Counter {
        /** {@code outcome}: ignored, unmatched, or the intake's (created, updated, unchanged, replayed). */
        void count(String eventType, String outcome);
    }

    public StripeWebhookRoutes(
            Optional<StripeWebhookSettings> settings, RecordEntityUseCase entities, Counter counter, Clock clock) {
        this.settings = settings;
        this.signature = settings.map(s -> new StripeSignature(s.secrets(), s.tolerance()));
        this.entities = entities;
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
        Map<String, Object> event = JsonBodies.object(raw);
        String id = text(event, "id");
        String type = text(event, "type");
        if (id == null || type == null) {
            throw new Problem(400, "invalid_event", "a Stripe event needs its id and type");
        }
        Map<String, Object> object = map(map(event, "data"), "object");
        Optional<Map<String, Object>> payment = switch (type) {
            case "payment_intent.succeeded" -> Optional.of(paymentIntent(object));
            case "checkout.session.completed" ->
                "paid".equals(text(object, "payment_status")) ? Optional.of(checkoutSession(object)) : Optional.empty();
            // a delayed method (a bank debit) settled: the session's payment is now paid
            case "checkout.session.async_payment_succeeded" -> Optional.of(checkoutSession(object));
            default -> Optional.empty();
        };
        if (payment.isEmpty()) {
            counter.count(type, "ignored");
            new Reply(200, new JsonObject().put("outcome", "ignored").put("event", id), null).send(ctx);
            return;
        }
        StripeWebhookSettings keys = settings.orElseThrow();
        Map<String, Object> metadata = map(object, "metadata");
        String customer = text(metadata, keys.customerKey());
        if (customer == null || customer.isBlank()) {
            LOG.warn(
                    "Stripe event {} ({}) names no platform customer under metadata key '{}'; not recorded",
                    id,
                    type,
                    keys.customerKey());
            counter.count(type, "unmatched");
            new Reply(202, new JsonObject().put("outcome", "unmatched").put("event", id), null).send(ctx);
            return;
        }
        Map<String, Object> body = payment.get();
        body.put("customer_id", customer);
        String order = text(metadata, keys.orderKey());
        if (order != null && !order.isBlank()) {
            body.put("invoice_id", order);
        }
        body.put("method", "stripe");
        body.put("date", date(event));
        entities.record(new Command(EntityType.PAYMENT, null, body, KEY_SCOPE + id, sha256(bytes)))
                .map(result -> reply(id, result))
                .onSuccess(reply -> counter.count(type, reply.body().getString("outcome")))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static Map<String, Object> paymentIntent(Map<String, Object> intent) {
        Object received = intent.get("amount_received");
        return payment(text(intent, "id"), received != null ? received : intent.get("amount"), intent);
    }

    private static Map<String, Object> checkoutSession(Map<String, Object> session) {
        String intent = text(session, "payment_intent");
        return payment(intent != null ? intent : text(session, "id"), session.get("amount_total"), session);
    }

    private static Map<String, Object> payment(String paymentIntentId, Object minorUnits, Map<String, Object> object) {
        String currency = text(object, "currency");
        BigDecimal minor = whole(minorUnits);
        if (paymentIntentId == null || minor == null || currency == null) {
            throw new Problem(
                    400, "invalid_event", "a paid Stripe event needs its payment intent, amount and currency");
        }
        String code = currency.toUpperCase(Locale.ROOT);
        BigDecimal amount;
        try {
            amount = minor.movePointLeft(Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("currency", "must be an ISO 4217 currency code");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", paymentIntentId);
        body.put("provider_payment_id", paymentIntentId);
        body.put("amount", amount.toPlainString());
        body.put("currency", code);
        return body;
    }

    /** The day (UTC) Stripe created the event. */
    private static String date(Map<String, Object> event) {
        BigDecimal created = whole(event.get("created"));
        if (created == null || created.signum() < 0 || created.compareTo(LAST_DAY) > 0) {
            throw new Problem(400, "invalid_event", "a Stripe event needs its created time");
        }
        return Instant.ofEpochSecond(created.longValueExact())
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
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

    /** A JSON integer exactly (Stripe's amounts and times are integers); null for anything else. */
    private static BigDecimal whole(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof String s ? s : null;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
