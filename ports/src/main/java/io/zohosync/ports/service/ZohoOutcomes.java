package io.zohosync.ports.service;

import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Duration;
import java.time.Instant;

/** Turns a Zoho call that did not succeed into the sync event it means (design.md §4, §8). */
final class ZohoOutcomes {

    /** How long a sync waits while the Zoho connection needs an admin to reconnect it. */
    static final Duration RECONNECT_WAIT = Duration.ofMinutes(5);

    private ZohoOutcomes() {}

    static JobDecision failure(ZohoOutcome<?> outcome, String doing, Instant now) {
        if (outcome instanceof ZohoOutcome.Validation<?> v) {
            return new JobDecision(new SyncEvent.PermanentFailure("Zoho refused " + doing + ": [" + v.code() + "] " + v.message()),
                    "rejected");
        }
        if (outcome instanceof ZohoOutcome.NotFound<?> nf) {
            return new JobDecision(new SyncEvent.PermanentFailure("Zoho found nothing " + doing + ": " + nf.message()), "not_found");
        }
        if (outcome instanceof ZohoOutcome.RateLimited<?> limited) {
            return new JobDecision(new SyncEvent.BudgetExhausted(now.plus(limited.retryAfter())),
                    "deferred_" + limited.scope().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (outcome instanceof ZohoOutcome.AuthFailure<?>) {
            return new JobDecision(new SyncEvent.BudgetExhausted(now.plus(RECONNECT_WAIT)), "deferred_reconnect_needed");
        }
        if (outcome instanceof ZohoOutcome.Outage<?> outage) {
            return new JobDecision(new SyncEvent.RetryableFailure("Zoho unavailable " + doing + ": " + outage.message()), "outage");
        }
        if (outcome instanceof ZohoOutcome.Duplicate<?> duplicate) {
            return new JobDecision(new SyncEvent.PermanentFailure("Zoho refused " + doing + " as a duplicate: "
                    + duplicate.message()), "duplicate");
        }
        throw new IllegalArgumentException("not a failure: " + outcome);
    }
}
