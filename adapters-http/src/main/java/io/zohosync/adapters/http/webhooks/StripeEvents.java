package io.zohosync.adapters.http.webhooks;

import io.zohosync.adapters.http.common.Problem;
import io.zohosync.ports.out.InboundEvents.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a verified Stripe event asks of the service, read the same way for the webhook and for an admin's replay:
 * a payment ({@code payment_intent.succeeded}, a paid {@code checkout.session.completed},
 * {@code checkout.session.async_payment_succeeded}) whose id is the payment intent's; refunds ({@code charge.refunded}
 * — one per succeeded entry of its {@code refunds} list — and {@code refund.created}, {@code refund.updated},
 * {@code charge.refund.updated} of a succeeded refund), each keyed by the Stripe refund id and built from the refund
 * alone, so one refund reached through two event types is the same record; an event to hold for a person (a payment
 * naming no customer, a refund naming no payment intent, a {@code charge.refunded} without its list, a failed
 * delayed checkout payment); or nothing. Amounts move from Stripe's minor units by {@link StripeMinorUnits}.
 */
public final class StripeEvents {

    /** The source every Stripe event is held under. */
    public static final String SOURCE = "stripe";

    /** 9999-12-31T23:59:59Z: a time beyond it is no date. */
    private static final BigDecimal LAST_DAY = BigDecimal.valueOf(253_402_300_799L);

    static final String NO_REFUNDS_LIST = "charge.refunded carries no refunds list (Stripe stopped including it in"
            + " API version 2022-11-15): send refund.created and refund.updated to this endpoint too, and each"
            + " refund is recorded from those";

    private final String customerKey;
    private final String orderKey;

    public StripeEvents(String customerKey, String orderKey) {
        this.customerKey = customerKey;
        this.orderKey = orderKey;
    }

    /** A Stripe event's envelope: id, type, created time (epoch seconds, null when absent) and its object. */
    public record Event(String id, String type, Object created, Map<String, Object> object) {

        /** The envelope of a parsed event body; 400 {@code invalid_event} without an id and a type. */
        public static Event of(Map<String, Object> json) {
            String id = text(json, "id");
            String type = text(json, "type");
            if (id == null || type == null) {
                throw new Problem(400, "invalid_event", "a Stripe event needs its id and type");
            }
            return new Event(id, type, json.get("created"), map(map(json, "data"), "object"));
        }
    }

    /** What the event asks. */
    public sealed interface Reading {}

    /** A payment's wire body, complete. */
    public record Payment(Map<String, Object> body) implements Reading {}

    /** Refunds' wire bodies, one per refund (none when no refund has succeeded yet). */
    public record Refunds(List<Map<String, Object>> bodies) implements Reading {}

    /** Held for a person, saying why, with what the event tells of money and platform ids (each may be null). */
    public record Hold(
            Status status,
            String reason,
            BigDecimal amount,
            String currency,
            String customerId,
            String orderId,
            Map<String, String> metadata)
            implements Reading {}

    /** Nothing for the service to do. */
    public record Ignored() implements Reading {}

    public Reading read(Event event) {
        Map<String, Object> object = event.object();
        Optional<Map<String, Object>> payment = paymentFields(event);
        if (payment.isPresent()) {
            String customer = text(metadata(object), customerKey);
            String order = blankless(text(metadata(object), orderKey));
            Map<String, Object> body = payment.get();
            if (customer == null || customer.isBlank()) {
                return hold(
                        Status.UNMATCHED,
                        "names no platform customer under metadata key '" + customerKey + "'",
                        new BigDecimal((String) body.get("amount")),
                        (String) body.get("currency"),
                        object);
            }
            return new Payment(complete(body, event, customer, order));
        }
        return switch (event.type()) {
            case "charge.refunded" -> chargeRefunds(object);
            case "refund.created", "refund.updated", "charge.refund.updated" -> refunds(List.of(object), null, object);
            case "checkout.session.async_payment_failed" -> failedCheckout(object);
            default -> new Ignored();
        };
    }

    /**
     * The payment of a held event for the customer and order an admin names, built as the webhook builds it;
     * empty when the event is not a payment.
     */
    public Optional<Map<String, Object>> payment(Event event, String customer, String order) {
        return paymentFields(event).map(body -> complete(body, event, customer, order));
    }

    private static Optional<Map<String, Object>> paymentFields(Event event) {
        Map<String, Object> object = event.object();
        return switch (event.type()) {
            case "payment_intent.succeeded" -> Optional.of(paymentIntent(object));
            case "checkout.session.completed" ->
                "paid".equals(text(object, "payment_status")) ? Optional.of(checkoutSession(object)) : Optional.empty();
            // a delayed method (a bank debit) settled: the session's payment is now paid
            case "checkout.session.async_payment_succeeded" -> Optional.of(checkoutSession(object));
            default -> Optional.empty();
        };
    }

    private Map<String, Object> complete(Map<String, Object> fields, Event event, String customer, String order) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("customer_id", customer);
        if (order != null) {
            body.put("invoice_id", order);
        }
        body.put("method", "stripe");
        body.put("date", day(event.created(), "a Stripe event needs its created time"));
        return body;
    }

    private Reading chargeRefunds(Map<String, Object> charge) {
        if (!(map(charge, "refunds").get("data") instanceof List<?> entries)) {
            return hold(Status.UNMATCHED, NO_REFUNDS_LIST, minor(charge, "amount_refunded"), currency(charge), charge);
        }
        List<Map<String, Object>> refunds = new ArrayList<>();
        for (Object entry : entries) {
            refunds.add(entry instanceof Map<?, ?> m ? cast(m) : Map.of());
        }
        return refunds(refunds, text(charge, "payment_intent"), charge);
    }

    /** A record per succeeded refund; the refund's own payment intent first, then the charge's. */
    private Reading refunds(List<Map<String, Object>> refunds, String chargeIntent, Map<String, Object> object) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (Map<String, Object> refund : refunds) {
            if (!"succeeded".equals(text(refund, "status"))) {
                continue;
            }
            String id = text(refund, "id");
            String intent = text(refund, "payment_intent");
            intent = intent != null ? intent : chargeIntent;
            if (id == null || intent == null) {
                return hold(
                        Status.UNMATCHED,
                        "a succeeded refund " + (id == null ? "without an id" : id)
                                + " names no payment intent, so no platform payment",
                        minor(refund, "amount"),
                        currency(refund),
                        object);
            }
            bodies.add(refund(id, intent, refund));
        }
        return new Refunds(bodies);
    }

    private static Map<String, Object> refund(String id, String paymentIntent, Map<String, Object> refund) {
        String code = currency(refund);
        BigDecimal amount = minor(refund, "amount");
        if (amount == null || code == null) {
            throw new Problem(400, "invalid_event", "a succeeded Stripe refund needs its amount and currency");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("payment_id", paymentIntent);
        body.put("amount", amount.toPlainString());
        body.put("currency", code);
        body.put("date", day(refund.get("created"), "a Stripe refund needs its created time"));
        String reason = text(refund, "reason");
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason);
        }
        body.put("provider_refund_id", id);
        return body;
    }

    private Reading failedCheckout(Map<String, Object> session) {
        return hold(
                Status.FAILED_PAYMENT,
                "the delayed payment of checkout session " + text(session, "id") + " failed",
                minor(session, "amount_total"),
                currency(session),
                session);
    }

    private Hold hold(Status status, String reason, BigDecimal amount, String currency, Map<String, Object> object) {
        Map<String, Object> metadata = metadata(object);
        String customer = blankless(text(metadata, customerKey));
        Map<String, String> summary = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (value instanceof String s) {
                summary.put(key, s);
            }
        });
        return new Hold(status, reason, amount, currency, customer, blankless(text(metadata, orderKey)), summary);
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
        String code = currency(object);
        BigDecimal minor = whole(minorUnits);
        if (paymentIntentId == null || minor == null || code == null) {
            throw new Problem(
                    400, "invalid_event", "a paid Stripe event needs its payment intent, amount and currency");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", paymentIntentId);
        body.put("provider_payment_id", paymentIntentId);
        body.put("amount", major(minor, code).toPlainString());
        body.put("currency", code);
        return body;
    }

    /** The amount under {@code field} in major units; null when it is absent (or the currency is). */
    private static BigDecimal minor(Map<String, Object> object, String field) {
        BigDecimal minor = whole(object.get(field));
        String code = currency(object);
        return minor == null || code == null ? null : major(minor, code);
    }

    private static BigDecimal major(BigDecimal minor, String code) {
        try {
            return StripeMinorUnits.major(minor, code);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("currency", "must be an ISO 4217 currency code");
        }
    }

    private static String currency(Map<String, Object> object) {
        String currency = text(object, "currency");
        return currency == null ? null : currency.toUpperCase(Locale.ROOT);
    }

    /** The day (UTC) of a Stripe time in epoch seconds. */
    private static String day(Object seconds, String missing) {
        BigDecimal created = whole(seconds);
        if (created == null || created.signum() < 0 || created.compareTo(LAST_DAY) > 0) {
            throw new Problem(400, "invalid_event", missing);
        }
        return Instant.ofEpochSecond(created.longValueExact())
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
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

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return map(object, "metadata");
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static String text(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof String s ? s : null;
    }
}
