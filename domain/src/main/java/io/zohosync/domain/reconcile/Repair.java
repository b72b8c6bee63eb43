package io.zohosync.domain.reconcile;

import java.util.Locale;

/**
 * The repair a reconciliation proposes for a drift: send the platform's record again (a fresh create when Zoho lost
 * the object, an update when Zoho's copy differs, a retry when it never got there), link the object that carries the
 * record's marker, pull Zoho's state into the service's mirror of it, or leave it for a person (money that moved in Zoho, a choice between several objects).
 */
public enum Repair {
    RESEND,
    LINK,
    LEAVE,
    /** Keep Zoho's state in the service's mirror of it (Zoho is right: it moved while the service did not hear). */
    PULL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Repair ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
