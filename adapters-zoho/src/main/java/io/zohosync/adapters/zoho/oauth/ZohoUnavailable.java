package io.zohosync.adapters.zoho.oauth;

import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Duration;

/** Why no call could be made without a usable token (not connected, refresh throttled, Accounts down); the call path turns it into an outcome. */
public final class ZohoUnavailable extends RuntimeException {

    private enum Kind {
        AUTH,
        RATE_LIMITED,
        OUTAGE
    }

    private final Kind kind;
    private final ZohoOutcome.RateLimited.Scope scope;
    private final Duration retryAfter;

    private ZohoUnavailable(Kind kind, ZohoOutcome.RateLimited.Scope scope, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.scope = scope;
        this.retryAfter = retryAfter;
    }

    static ZohoUnavailable auth(String message) {
        return new ZohoUnavailable(Kind.AUTH, null, null, message);
    }

    static ZohoUnavailable rateLimited(ZohoOutcome.RateLimited.Scope scope, Duration retryAfter, String message) {
        return new ZohoUnavailable(Kind.RATE_LIMITED, scope, retryAfter, message);
    }

    static ZohoUnavailable outage(String message) {
        return new ZohoUnavailable(Kind.OUTAGE, null, null, message);
    }

    public <T> ZohoOutcome<T> outcome() {
        return switch (kind) {
            case AUTH -> new ZohoOutcome.AuthFailure<>(getMessage());
            case RATE_LIMITED -> new ZohoOutcome.RateLimited<>(scope, retryAfter, getMessage());
            case OUTAGE -> new ZohoOutcome.Outage<>(getMessage());
        };
    }
}
