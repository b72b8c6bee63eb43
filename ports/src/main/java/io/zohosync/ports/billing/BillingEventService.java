package io.zohosync.ports.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.in.BillingEventsUseCase;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.ZohoState;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies Zoho Billing's events (issue 10, items 7–9), from its webhook or its events poll alike: in ONE intake
 * transaction the event is claimed by its id ({@code inbound_events}, so the webhook and the poll apply it once), the
 * platform entity is found by Zoho id through {@code sync_records} (target billing), Zoho's state is mirrored on its
 * record with the event's time, and one {@link PlatformMessage} is published on the stream
 * {@code subscription:<service id>} (or {@code customer:<id>} when no subscription is involved). A Billing invoice raised
 * by a subscription has no platform entity: it is published under its subscription's stream with Zoho's ids and not
 * mirrored (zoho_states is per sync record; a recurring invoice has none). An event whose object the service does not
 * know is kept in {@link InboundEvents} as unmatched (source {@code zoho-billing}) for an admin.
 */
public final class BillingEventService implements BillingEventsUseCase {

    /** What an event type is about and the message the platform hears. */
    record Kind(String object, EntityType type, String outbound) {}

    static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("subscription_created", sub("subscription.created")),
            Map.entry("subscription_activation", sub("subscription.activated")),
            Map.entry("subscription_upgraded", sub("subscription.upgraded")),
            Map.entry("subscription_downgraded", sub("subscription.downgraded")),
            Map.entry("subscription_updated", sub("subscription.updated")),
            Map.entry("subscription_cancelled", sub("subscription.cancelled")),
            Map.entry("subscription_cancellation_scheduled", sub("subscription.cancellation_scheduled")),
            Map.entry("subscription_reactivated", sub("subscription.reactivated")),
            Map.entry("subscription_renewed", sub("subscription.renewed")),
            Map.entry("subscription_expired", sub("subscription.expired")),
            Map.entry("subscription_unpaid", sub("subscription.unpaid")),
            Map.entry("invoice_created", new Kind("invoice", EntityType.MANUAL_INVOICE, "invoice.created")),
            Map.entry("invoice_updated", new Kind("invoice", EntityType.MANUAL_INVOICE, "invoice.updated")),
            Map.entry("invoice_voided", new Kind("invoice", EntityType.MANUAL_INVOICE, "invoice.voided")),
            Map.entry("payment_thankyou", new Kind("payment", EntityType.PAYMENT, "payment.succeeded")),
            Map.entry("payment_declined", new Kind("payment", EntityType.PAYMENT, "payment.failed")),
            Map.entry("payment_refunded", new Kind("payment", EntityType.PAYMENT, "payment.refunded")),
            Map.entry("card_expiring", new Kind("card", EntityType.CUSTOMER, "card.expiring")),
            Map.entry("card_expired", new Kind("card", EntityType.CUSTOMER, "card.expiring")),
            Map.entry("card_updated", new Kind("card", EntityType.CUSTOMER, "card.updated")));

    private static Kind sub(String outbound) {
        return new Kind("subscription", EntityType.SUBSCRIPTION, outbound);
    }

    /** The entities an event involves, as far as the mapping knows them. */
    private record Found(
            Kind kind, Optional<EntityRef> entity, Optional<EntityRef> subscription, Optional<EntityRef> customer) {
        /** Its own entity or its subscription is known; a payment of a known customer is too (on the customer's stream). */
        boolean known() {
            return entity.isPresent()
                    || subscription.isPresent()
                    || (kind.type() == EntityType.PAYMENT && customer.isPresent());
        }

        EntityRef claimed() {
            return entity.or(() -> subscription).or(() -> customer).orElseThrow();
        }
    }

    private final Intake intake;
    private final InboundEvents held;
    private final Clock clock;

    public BillingEventService(Intake intake, InboundEvents held, Clock clock) {
        this.intake = intake;
        this.held = held;
        this.clock = clock;
    }

    /** Whether the service acts on events of {@code type} (the others are acknowledged and ignored). */
    public static boolean handles(String type) {
        return KINDS.containsKey(type);
    }

    @Override
    public Future<Outcome> receive(Event event) {
        Kind kind = KINDS.get(event.type());
        if (kind == null) {
            return Future.succeededFuture(Outcome.IGNORED);
        }
        Map<String, Object> object = map(event.data().get(kind.object()));
        return intake.<Outcome>inTransaction(tx -> find(tx, kind, event.data(), object)
                        .compose(found -> found.known()
                                ? apply(tx, kind, event, object, found)
                                : Future.succeededFuture(Outcome.UNMATCHED)))
                .compose(outcome ->
                        outcome == Outcome.UNMATCHED ? hold(event, kind, object) : Future.succeededFuture(outcome));
    }

    private Future<Found> find(IntakeTransaction tx, Kind kind, Map<String, Object> data, Map<String, Object> object) {
        String ownId = kind.type() == EntityType.CUSTOMER ? null : text(object.get(kind.object() + "_id"));
        Future<Optional<EntityRef>> entity = linked(tx, kind.type(), ownId)
                .compose(e -> e.isPresent() || kind.type() != EntityType.SUBSCRIPTION
                        ? Future.succeededFuture(e)
                        : byReference(tx, text(object.get("reference_id"))));
        return entity.compose(e -> linked(tx, EntityType.SUBSCRIPTION, subscriptionId(data))
                .compose(s -> linked(tx, EntityType.CUSTOMER, customerId(data))
                        .map(c -> new Found(
                                kind,
                                kind.type() == EntityType.CUSTOMER ? c : e,
                                kind.type() == EntityType.SUBSCRIPTION ? e : s,
                                c))));
    }

    /**
     * A subscription Billing made before the service linked it — on a hosted page the customer completed, its
     * {@code reference_id} the service's id — belongs to the service the platform sent under that id.
     */
    private static Future<Optional<EntityRef>> byReference(IntakeTransaction tx, String referenceId) {
        return referenceId == null
                ? Future.succeededFuture(Optional.empty())
                : tx.lockEntity(new EntityRef(EntityType.SUBSCRIPTION, referenceId))
                        .map(stored -> stored.map(StoredEntity::ref));
    }

    private static Future<Optional<EntityRef>> linked(IntakeTransaction tx, EntityType type, String zohoId) {
        return zohoId == null
                ? Future.succeededFuture(Optional.empty())
                : tx.linkedEntity(type, SyncTarget.BILLING, zohoId);
    }

    private Future<Outcome> apply(
            IntakeTransaction tx, Kind kind, Event event, Map<String, Object> object, Found found) {
        return tx.claimEvent(SOURCE, event.eventId(), hash(event), found.claimed(), clock.instant())
                .compose(earlier -> {
                    if (earlier.isPresent()) {
                        return Future.succeededFuture(Outcome.REPEATED);
                    }
                    Map<String, Object> data = data(kind, event, object, found);
                    String stream = found.subscription()
                            .map(s -> "subscription:" + s.id())
                            .or(() -> found.customer().map(c -> "customer:" + c.id()))
                            .orElse("customer:zoho-" + customerId(event.data()));
                    Future<Boolean> mirrored =
                            mirrorable(kind) && found.entity().isPresent()
                                    ? tx.mirror(
                                            found.entity().orElseThrow().at(SyncTarget.BILLING),
                                            new ZohoState(
                                                    status(kind, event, object),
                                                    details(kind, object),
                                                    event.time(),
                                                    event.type() + " " + event.eventId() + " (" + event.via() + ")"))
                                    : Future.succeededFuture(false);
                    return mirrored.compose(
                                    x -> tx.publish(new PlatformMessage(kind.outbound(), stream, data, event.time())))
                            .compose(x -> hostedPage(tx, event, stream, data))
                            .map(Outcome.APPLIED);
                });
    }

    /** A subscription made or changed through a hosted page (its data names the page): also hosted_page.completed. */
    private static Future<Void> hostedPage(IntakeTransaction tx, Event event, String stream, Map<String, Object> data) {
        Map<String, Object> page = map(event.data().get("hostedpage"));
        if (page.isEmpty() || !event.type().startsWith("subscription_")) {
            return Future.succeededFuture();
        }
        Map<String, Object> withPage = new LinkedHashMap<>(data);
        withPage.put("hostedpage_id", text(page.get("hostedpage_id")));
        return tx.publish(new PlatformMessage("hosted_page.completed", stream, withPage, event.time()));
    }

    private static boolean mirrorable(Kind kind) {
        return kind.type() != EntityType.CUSTOMER;
    }

    private Future<Outcome> hold(Event event, Kind kind, Map<String, Object> object) {
        return held.keep(new InboundEvents.Received(
                        SOURCE,
                        event.eventId(),
                        event.type(),
                        InboundEvents.Status.UNMATCHED,
                        "no platform " + kind.type().wire() + " is linked to Billing " + kind.object() + " "
                                + Optional.ofNullable(text(object.get(kind.object() + "_id")))
                                        .orElse(String.valueOf(customerId(event.data()))),
                        clock.instant(),
                        decimal(object.get("amount") != null ? object.get("amount") : object.get("total")),
                        text(object.get("currency_code")),
                        null,
                        null,
                        zohoIds(event.data()),
                        event.rawBody().isEmpty() ? String.valueOf(event.data()) : event.rawBody()))
                .map(Outcome.UNMATCHED);
    }

    /** The message's data: the service's view, platform ids where known and Zoho's ids. */
    private static Map<String, Object> data(Kind kind, Event event, Map<String, Object> object, Found found) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", event.eventId());
        data.put("zoho_event_type", event.type());
        found.subscription().ifPresent(s -> data.put("service_id", s.id()));
        found.customer().ifPresent(c -> data.put("customer_id", c.id()));
        found.entity()
                .filter(e -> e.type() == EntityType.MANUAL_INVOICE)
                .ifPresent(e -> data.put("invoice_id", e.id()));
        found.entity().filter(e -> e.type() == EntityType.PAYMENT).ifPresent(e -> data.put("payment_id", e.id()));
        data.putAll(zohoIds(event.data()));
        if (kind.type() == EntityType.SUBSCRIPTION) {
            put(data, "status", text(object.get("status")));
        }
        data.putAll(details(kind, object));
        if ("payment.failed".equals(kind.outbound())) {
            Map<String, Object> invoice = map(event.data().get("invoice"));
            put(
                    data,
                    "reason",
                    object.get("failure_reason") != null ? object.get("failure_reason") : object.get("description"));
            put(data, "attempt", object.get("attempt"));
            put(
                    data,
                    "next_retry_at",
                    object.get("next_retry_at") != null ? object.get("next_retry_at") : invoice.get("next_retry_at"));
            put(data, "invoice_balance", invoice.get("balance"));
            put(
                    data,
                    "invoice_number",
                    invoice.get("invoice_number") != null ? invoice.get("invoice_number") : invoice.get("number"));
        }
        return data;
    }

    /** What Zoho says of the object, kept in the mirror and sent: status, plan and term, totals, amounts. */
    private static Map<String, Object> details(Kind kind, Map<String, Object> object) {
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> fields = switch (kind.object()) {
            case "subscription" ->
                List.of(
                        "plan_code",
                        "quantity",
                        "amount",
                        "currency_code",
                        "current_term_starts_at",
                        "current_term_ends_at",
                        "next_billing_at",
                        "expires_at",
                        "activated_at",
                        "cancelled_at");
            case "invoice" ->
                List.of("invoice_number", "number", "status", "total", "balance", "currency_code", "due_date");
            case "payment" ->
                List.of(
                        "status",
                        "amount",
                        "amount_refunded",
                        "currency_code",
                        "payment_mode",
                        "date",
                        "reference_number");
            default -> List.of("card_id", "last_four_digits", "expiry_month", "expiry_year", "card_type", "status");
        };
        for (String field : fields) {
            put(details, field, object.get(field));
        }
        if ("subscription".equals(kind.object())) {
            Map<String, Object> plan = map(object.get("plan"));
            put(details, "plan_code", plan.get("plan_code"));
            put(details, "quantity", plan.get("quantity"));
        }
        return details;
    }

    /** The status mirrored: the subscription's or invoice's own; for a payment recorded, failed or refunded. */
    private static String status(Kind kind, Event event, Map<String, Object> object) {
        return switch (event.type()) {
            case "payment_thankyou" -> "recorded";
            case "payment_declined" -> "failed";
            case "payment_refunded" -> "refunded";
            case "invoice_voided" -> "void";
            default -> Optional.ofNullable(text(object.get("status"))).orElse(event.type());
        };
    }

    /** Every Zoho id the event names, as {@code zoho_<object>_id}. */
    private static Map<String, String> zohoIds(Map<String, Object> data) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String object : List.of("subscription", "invoice", "payment", "customer", "card")) {
            String id = text(map(data.get(object)).get(object + "_id"));
            if (id != null) {
                ids.put("zoho_" + object + "_id", id);
            }
        }
        String subscription = subscriptionId(data);
        if (subscription != null) {
            ids.put("zoho_subscription_id", subscription);
        }
        String customer = customerId(data);
        if (customer != null) {
            ids.put("zoho_customer_id", customer);
        }
        return ids;
    }

    /** The Billing subscription the event is about: its own, its invoice's, or its payment's invoice's. */
    static String subscriptionId(Map<String, Object> data) {
        String own = text(map(data.get("subscription")).get("subscription_id"));
        if (own != null) {
            return own;
        }
        for (String holder : List.of("invoice", "payment")) {
            Map<String, Object> object = map(data.get(holder));
            String direct = text(object.get("subscription_id"));
            if (direct != null) {
                return direct;
            }
            for (String list : List.of("subscriptions", "invoices")) {
                if (object.get(list) instanceof List<?> rows) {
                    for (Object row : rows) {
                        String id = text(map(row).get("subscription_id"));
                        if (id != null) {
                            return id;
                        }
                    }
                }
            }
        }
        return null;
    }

    static String customerId(Map<String, Object> data) {
        for (String holder : List.of("subscription", "invoice", "payment", "card", "customer")) {
            Map<String, Object> object = map(data.get(holder));
            String id = text(object.get("customer_id"));
            if (id == null) {
                id = text(map(object.get("customer")).get("customer_id"));
            }
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static void put(Map<String, Object> into, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            into.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : value instanceof Number n ? n.toString() : null;
    }

    private static BigDecimal decimal(Object value) {
        try {
            return value instanceof Number n ? new BigDecimal(n.toString()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String hash(Event event) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((event.type() + "\n" + new java.util.TreeMap<>(event.data()))
                                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
