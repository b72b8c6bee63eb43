package io.zohosync.domain.reconcile;

import java.util.Locale;

/** What a reconciliation found wrong between a platform record and Zoho's copy of it (issue 12, item 11). */
public enum DriftKind {
    /** The record is linked, but Zoho no longer holds the object it is linked to. */
    MISSING_IN_ZOHO,
    /** Zoho's object differs from what the service sent, in fields the service owns (or money fields). */
    FIELDS_DIFFER,
    /** A Zoho object carries the record's marker, but the record is not linked to it (an answer that was lost). */
    UNLINKED_IN_ZOHO,
    /** The record settled (failed or skipped) without ever reaching Zoho, and nothing in Zoho carries its marker. */
    NEVER_SENT,
    /** Zoho's object is in a state the service's mirror of it does not show (a webhook lost on the way). */
    ZOHO_STATE_DIFFERS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriftKind ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
