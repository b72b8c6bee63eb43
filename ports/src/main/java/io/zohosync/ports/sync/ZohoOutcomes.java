package io.zohosync.ports.sync;

import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Turns a Zoho call that did not succeed into the sync event it means (design.md §4, §8). */
final class ZohoOutcomes {

    /** How long a sync waits for an admin to reconnect Zoho before it looks again by itself; a reconnect wakes it sooner. */
    static final Duration RECONNECT_WAIT = Duration.ofMinutes(5);

    private ZohoOutcomes() {}

    static Decision failure(ZohoOutcome<?> outcome, String doing, Instant now) {
        if (outcome instanceof ZohoOutcome.Validation<?> v) {
            return Decision.of(
                    new SyncEvent.PermanentFailure("Zoho refused " + doing + ": [" + v.code() + "] " + v.message()),
                    "rejected");
        }
        if (outcome instanceof ZohoOutcome.NotFound<?> nf) {
            return Decision.of(
                    new SyncEvent.PermanentFailure("Zoho found nothing " + doing + ": " + nf.message()), "not_found");
        }
        if (outcome instanceof ZohoOutcome.RateLimited<?> limited) {
            return Decision.of(
                    new SyncEvent.BudgetExhausted(now.plus(limited.retryAfter())),
                    "deferred_" + limited.scope().name().toLowerCase(Locale.ROOT));
        }
        if (outcome instanceof ZohoOutcome.AuthFailure<?>) {
            return Decision.of(new SyncEvent.ConnectionLost(now.plus(RECONNECT_WAIT)), "deferred_reconnect_needed");
        }
        if (outcome instanceof ZohoOutcome.Outage<?> outage) {
            return Decision.of(
                    new SyncEvent.RetryableFailure("Zoho unavailable " + doing + ": " + outage.message()), "outage");
        }
        if (outcome instanceof ZohoOutcome.Duplicate<?> duplicate) {
            return Decision.of(
                    new SyncEvent.PermanentFailure("Zoho refused " + doing + " as a duplicate: " + duplicate.message()),
                    "duplicate");
        }
        throw new IllegalArgumentException("not a failure: " + outcome);
    }
}
