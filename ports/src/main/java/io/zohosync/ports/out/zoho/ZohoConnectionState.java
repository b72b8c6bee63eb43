package io.zohosync.ports.out.zoho;

import java.time.Instant;
import java.util.Map;

/** Value: what health and the admin see of the Zoho connection and of each product's circuit. */
public record ZohoConnectionState(
        Status status, String detail, Instant coolDownUntil, Map<ZohoProduct, Circuit> circuits) {

    public enum Status {
        /** No token obtained yet (or none configured). */
        NOT_CONNECTED,
        /** A valid access token is held or can be obtained. */
        CONNECTED,
        /** Token refresh throttled by Zoho (or by our nine-in-ten-minutes rule) until {@code coolDownUntil}. */
        COOLING_DOWN,
        /** Zoho no longer accepts the refresh token (revoked, invalid code or client): an admin must reconnect. */
        RECONNECT_NEEDED
    }

    /** A product's circuit breaker: CLOSED passes calls, OPEN rejects them fast, HALF_OPEN tries one. */
    public enum Circuit {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    public ZohoConnectionState {
        circuits = Map.copyOf(circuits);
    }

    /** Whether calls to Zoho can be made now (health: ready). */
    public boolean usable() {
        return status == Status.CONNECTED;
    }
}
