package io.zohosync.domain.reconcile;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Domain rule: what a platform record synced to Zoho Billing, the service's mirror of Zoho's state and Billing's object
 * say together (issue 10, item 11). Pure: the caller reads the three and passes the fields each holds.
 *
 * <ul>
 *   <li>The platform is primary for what it asks: a customer's email, a subscription's plan, quantity and whether it
 *       is cancelled. Billing holding something else is re-sent (safe), except a subscription the platform wants
 *       active that Billing has cancelled or expired: starting it again is a person's decision.</li>
 *   <li>Billing is primary for what it does: a subscription's status (unpaid, renewed, expired…), an invoice's status
 *       and balance, a payment's status. The mirror not showing it (a webhook lost) is repaired by pulling Billing's
 *       state into the mirror (safe).</li>
 *   <li>Money moved in Billing's UI (an invoice's total against what the mirror last saw, a payment's amount against
 *       the platform's) is left for a person, with both sides in the detail.</li>
 *   <li>A linked object gone from Billing: a customer is created again (safe unless linked by hand); a subscription,
 *       invoice or payment is proposed for a re-send a person confirms.</li>
 *   <li>A subscription that settled without a link while exactly one Billing subscription carries its id as reference is
 *       linked to it (safe); several: a person picks; none: a retry a person confirms. Other types' list rows carry no
 *       platform id, so their unlinked records are left to the sync.</li>
 * </ul>
 */
public final class BillingDriftRules {

    /** Subscription statuses in which Billing still bills: a platform's cancellation not applied yet. */
    private static final Set<String> BILLING = Set.of("live", "trial", "unpaid", "future", "dunning");
    /** Statuses after which a subscription cannot come back by a re-send. */
    private static final Set<String> ENDED = Set.of("cancelled", "expired");

    private BillingDriftRules() {}

    public static boolean reconciled(EntityType type) {
        return type == EntityType.CUSTOMER
                || type == EntityType.SUBSCRIPTION
                || type == EntityType.INVOICE
                || type == EntityType.MANUAL_INVOICE
                || type == EntityType.PAYMENT;
    }

    /** Whether the type's state is mirrored (and so compared with Billing's): all but customers. */
    public static boolean mirrored(EntityType type) {
        return reconciled(type) && type != EntityType.CUSTOMER;
    }

    /**
     * A linked record (synced or manual). {@code sent}: the platform's fields ({@code email}; {@code plan_code},
     * {@code quantity}, {@code status} active|cancelled; {@code amount}); {@code mirror}: the mirrored state's
     * {@code status} and details, empty when nothing was mirrored; {@code zoho}: Billing's {@code status} and fields,
     * empty when Billing does not hold {@code zohoId}.
     */
    public static Optional<Drift> linked(
            EntityType type,
            SyncStatus status,
            Origin origin,
            String zohoId,
            Map<String, String> sent,
            Optional<Map<String, String>> mirror,
            Optional<Map<String, String>> zoho) {
        if (!reconciled(type) || (status != SyncStatus.SYNCED && status != SyncStatus.MANUAL)) {
            return Optional.empty();
        }
        if (zoho.isEmpty()) {
            boolean safe = type == EntityType.CUSTOMER && origin != Origin.MANUAL;
            return Optional.of(new Drift(
                    DriftKind.MISSING_IN_ZOHO,
                    Repair.RESEND,
                    safe,
                    zohoId,
                    "Billing no longer holds " + type.wire() + " " + zohoId
                            + (safe ? "" : "; a person confirms a re-send"),
                    Map.of()));
        }
        Map<String, String> theirs = zoho.get();
        Optional<Drift> platform = switch (type) {
            case CUSTOMER -> customer(origin, zohoId, sent, theirs);
            case SUBSCRIPTION -> subscription(zohoId, sent, theirs);
            case PAYMENT -> money(type, zohoId, "amount", sent.get("amount"), theirs);
            case INVOICE, MANUAL_INVOICE ->
                mirror.flatMap(m -> m.containsKey("total")
                        ? money(type, zohoId, "total", m.get("total"), theirs)
                        : Optional.empty());
            default -> Optional.empty();
        };
        if (platform.isPresent() || !mirrored(type)) {
            return platform;
        }
        return stale(type, zohoId, mirror, theirs);
    }

    /** A subscription that settled without a link and the Billing subscriptions carrying its id as reference. */
    public static Optional<Drift> unlinked(EntityType type, SyncStatus status, List<String> marked) {
        if (type != EntityType.SUBSCRIPTION) {
            return Optional.empty();
        }
        return DriftRules.unlinkedMarked(type, status, marked);
    }

    private static Optional<Drift> customer(
            Origin origin, String zohoId, Map<String, String> sent, Map<String, String> theirs) {
        if (origin != Origin.CREATED || !sent.containsKey("email")) {
            return Optional.empty(); // matched or linked by hand: Billing's fields are not the service's to judge
        }
        Map<String, String> differing = DriftRules.differing(Map.of("email", sent.get("email")), theirs);
        return differing.isEmpty()
                ? Optional.empty()
                : Optional.of(new Drift(
                        DriftKind.FIELDS_DIFFER,
                        Repair.RESEND,
                        true,
                        zohoId,
                        "Billing's copy of customer " + zohoId + " differs in email",
                        differing));
    }

    private static Optional<Drift> subscription(String zohoId, Map<String, String> sent, Map<String, String> theirs) {
        String now = theirs.getOrDefault("status", "");
        String wanted = sent.getOrDefault("status", "active");
        if ("cancelled".equals(wanted)) {
            if (BILLING.contains(now)) {
                return Optional.of(new Drift(
                        DriftKind.FIELDS_DIFFER,
                        Repair.RESEND,
                        true,
                        zohoId,
                        "the platform cancelled subscription " + zohoId + " but Billing has it " + now,
                        Map.of("status.platform", wanted, "status.zoho", now)));
            }
            return Optional.empty(); // non_renewing, cancelled, expired: as asked; its plan no longer matters
        }
        if (ENDED.contains(now)) {
            return Optional.of(new Drift(
                    DriftKind.FIELDS_DIFFER,
                    Repair.LEAVE,
                    false,
                    zohoId,
                    "the platform has subscription " + zohoId + " active but Billing has it " + now
                            + "; a person decides whether to start it again",
                    Map.of("status.platform", wanted, "status.zoho", now)));
        }
        Map<String, String> ours = new LinkedHashMap<>();
        for (String field : List.of("plan_code", "quantity")) {
            if (sent.get(field) != null && theirs.containsKey(field)) {
                ours.put(field, sent.get(field));
            }
        }
        Map<String, String> differing = DriftRules.differing(ours, theirs);
        if ("non_renewing".equals(now)) {
            differing.put("status.platform", wanted);
            differing.put("status.zoho", now);
        }
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Drift(
                DriftKind.FIELDS_DIFFER,
                Repair.RESEND,
                true,
                zohoId,
                "Billing's subscription " + zohoId + " differs from the platform's in "
                        + String.join(
                                ", ",
                                differing.keySet().stream()
                                        .filter(k -> k.endsWith(".platform"))
                                        .map(k -> k.substring(0, k.length() - ".platform".length()))
                                        .toList()),
                differing));
    }

    private static Optional<Drift> money(
            EntityType type, String zohoId, String field, String ours, Map<String, String> theirs) {
        if (ours == null || !theirs.containsKey(field) || DriftRules.same(field, ours, theirs.get(field))) {
            return Optional.empty();
        }
        return Optional.of(new Drift(
                DriftKind.FIELDS_DIFFER,
                Repair.LEAVE,
                false,
                zohoId,
                "Billing's " + type.wire() + " " + zohoId + " differs in " + field
                        + "; a person decides which side is right",
                Map.of(field + ".platform", ours, field + ".zoho", theirs.get(field))));
    }

    /** Billing's status (and an invoice's balance, a subscription's plan) against the mirror's: pull when they differ. */
    private static Optional<Drift> stale(
            EntityType type, String zohoId, Optional<Map<String, String>> mirror, Map<String, String> theirs) {
        List<String> fields = switch (type) {
            case SUBSCRIPTION -> List.of("status", "plan_code", "quantity");
            case INVOICE, MANUAL_INVOICE -> List.of("status", "balance");
            default -> List.of("status");
        };
        Map<String, String> detail = new LinkedHashMap<>();
        for (String field : fields) {
            String zohoValue = theirs.get(field);
            boolean compared = field.equals("status")
                    || mirror.map(m -> m.containsKey(field)).orElse(true);
            String mirrored = mirror.map(m -> m.get(field)).orElse(null);
            if (zohoValue != null && compared && !DriftRules.same(field, mirrored, zohoValue)) {
                detail.put(field + ".mirror", mirrored == null ? "" : mirrored);
                detail.put(field + ".zoho", zohoValue);
            }
        }
        if (detail.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Drift(
                DriftKind.ZOHO_STATE_DIFFERS,
                Repair.PULL,
                true,
                zohoId,
                mirror.isEmpty()
                        ? "Billing's state of " + type.wire() + " " + zohoId + " was never mirrored"
                        : "Billing's " + type.wire() + " " + zohoId + " is " + theirs.get("status")
                                + " but the service last heard " + mirror.get().get("status")
                                + " (a webhook lost?)",
                detail));
    }
}
