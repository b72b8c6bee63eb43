package io.zohosync.domain.reconcile;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Domain rule: what a platform record, its sync state and Zoho's object say together (issue 12, item 11). Pure: the
 * caller reads both sides and passes the fields each holds; these rules judge.
 *
 * <ul>
 *   <li>Customers and items are reference data the service keeps: an object gone from Zoho is sent again, and so are
 *       fields the service owns that someone changed in Zoho — safe, as the platform is their source.</li>
 *   <li>Invoices and payments are money a person may have moved in Zoho on purpose (a voided invoice, a payment
 *       corrected or deleted): what differs is left for a person, and one gone is proposed for a re-send that a person
 *       confirms — never applied by itself.</li>
 *   <li>A record that settled without a link (failed, skipped) while exactly one Zoho object carries its marker is
 *       linked to it (safe); several are left for a person; none: it never reached Zoho, and a retry is proposed for a
 *       person to confirm (it failed for a reason).</li>
 *   <li>Records still queued or running are the sync's business, not drift.</li>
 * </ul>
 */
public final class DriftRules {

    /** Fields compared as amounts (2.50 equals 2.5). */
    private static final Set<String> AMOUNTS = Set.of("rate", "total", "amount", "balance", "quantity");
    /** Fields compared ignoring case (an email address). */
    private static final Set<String> CASELESS = Set.of("email", "sku");

    private DriftRules() {}

    /** Whether the rules look at a type's objects in Zoho at all. */
    public static boolean reconciled(EntityType type) {
        return reference(type) || money(type);
    }

    /**
     * A linked record (synced or manual) and Zoho's object: {@code zoho} empty when Zoho does not hold {@code zohoId}.
     * {@code sent} holds the fields the service sends, as the platform now has them; {@code zoho} the same fields as
     * Zoho has them (and, for documents, Zoho's {@code status}).
     */
    public static Optional<Drift> linked(
            EntityType type,
            SyncStatus status,
            Origin origin,
            String zohoId,
            Map<String, String> sent,
            Optional<Map<String, String>> zoho) {
        if (!reconciled(type) || (status != SyncStatus.SYNCED && status != SyncStatus.MANUAL)) {
            return Optional.empty();
        }
        if (zoho.isEmpty()) {
            boolean safe = reference(type) && origin != Origin.MANUAL;
            return Optional.of(new Drift(
                    DriftKind.MISSING_IN_ZOHO,
                    Repair.RESEND,
                    safe,
                    zohoId,
                    "Zoho no longer holds " + type.wire() + " " + zohoId
                            + (safe ? "" : "; a person confirms a re-send"),
                    Map.of()));
        }
        Map<String, String> theirs = zoho.get();
        if (money(type) && "void".equalsIgnoreCase(theirs.get("status"))) {
            return Optional.of(new Drift(
                    DriftKind.FIELDS_DIFFER,
                    Repair.LEAVE,
                    false,
                    zohoId,
                    type.wire() + " " + zohoId + " was voided in Zoho",
                    Map.of("status.zoho", "void")));
        }
        boolean owned = money(type) || origin == Origin.CREATED;
        if (!owned) {
            return Optional.empty(); // matched or linked by hand: Zoho's fields are not the service's to judge
        }
        Map<String, String> differing = differing(sent, theirs);
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        boolean resend = reference(type);
        return Optional.of(new Drift(
                DriftKind.FIELDS_DIFFER,
                resend ? Repair.RESEND : Repair.LEAVE,
                resend,
                zohoId,
                (resend ? "Zoho's copy of " : "Zoho's ") + type.wire() + " " + zohoId + " differs in "
                        + String.join(", ", fieldsOf(differing))
                        + (resend ? "" : "; a person decides which side is right"),
                differing));
    }

    /**
     * A record without a link and the Zoho objects that carry its marker ({@code marked}: their ids). Only settled
     * records (failed, skipped) are judged; queued ones will look for their marker themselves.
     */
    public static Optional<Drift> unlinked(EntityType type, SyncStatus status, List<String> marked) {
        if (!reconciled(type)) {
            return Optional.empty();
        }
        return unlinkedMarked(type, status, marked);
    }

    /** {@link #unlinked} for a type whose markers the caller has looked for. */
    static Optional<Drift> unlinkedMarked(EntityType type, SyncStatus status, List<String> marked) {
        if (status != SyncStatus.FAILED && status != SyncStatus.SKIPPED) {
            return Optional.empty();
        }
        if (marked.size() == 1) {
            return Optional.of(new Drift(
                    DriftKind.UNLINKED_IN_ZOHO,
                    Repair.LINK,
                    true,
                    marked.get(0),
                    "Zoho's " + type.wire() + " " + marked.get(0) + " carries this record's marker but is not linked",
                    Map.of()));
        }
        if (marked.size() > 1) {
            return Optional.of(new Drift(
                    DriftKind.UNLINKED_IN_ZOHO,
                    Repair.LEAVE,
                    false,
                    null,
                    marked.size() + " Zoho objects carry this record's marker: a person picks one to link",
                    Map.of("candidates", String.join(",", marked))));
        }
        return Optional.of(new Drift(
                DriftKind.NEVER_SENT,
                Repair.RESEND,
                false,
                null,
                "never reached Zoho (" + status.wire() + "); a person confirms a retry",
                Map.of()));
    }

    /** The fields that differ, each as {@code field.platform} and {@code field.zoho}, in name order. */
    static Map<String, String> differing(Map<String, String> sent, Map<String, String> zoho) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : new TreeMap<>(sent).entrySet()) {
            String ours = field.getValue();
            String theirs = zoho.get(field.getKey());
            if (!same(field.getKey(), ours, theirs)) {
                out.put(field.getKey() + ".platform", ours == null ? "" : ours);
                out.put(field.getKey() + ".zoho", theirs == null ? "" : theirs);
            }
        }
        return out;
    }

    private static List<String> fieldsOf(Map<String, String> differing) {
        return differing.keySet().stream()
                .filter(k -> k.endsWith(".platform"))
                .map(k -> k.substring(0, k.length() - ".platform".length()))
                .toList();
    }

    static boolean same(String field, String ours, String theirs) {
        String a = ours == null ? "" : ours.strip();
        String b = theirs == null ? "" : theirs.strip();
        if (AMOUNTS.contains(field) && !a.isEmpty() && !b.isEmpty()) {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
            } catch (NumberFormatException e) {
                return a.equals(b);
            }
        }
        return CASELESS.contains(field) ? a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT)) : a.equals(b);
    }

    private static boolean reference(EntityType type) {
        return type == EntityType.CUSTOMER || type == EntityType.ITEM;
    }

    private static boolean money(EntityType type) {
        return type == EntityType.INVOICE || type == EntityType.PAYMENT;
    }
}
