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
            return JobDecision.of(new SyncEvent.PermanentFailure("Zoho refused " + doing + ": [" + v.code() + "] " + v.message()),
                    "rejected");
        }
        if (outcome instanceof ZohoOutcome.NotFound<?> nf) {
            return JobDecision.of(new SyncEvent.PermanentFailure("Zoho found nothing " + doing + ": " + nf.message()), "not_found");
        }
        if (outcome instanceof ZohoOutcome.RateLimited<?> limited) {
            return JobDecision.of(new SyncEvent.BudgetExhausted(now.plus(limited.retryAfter())),
                    "deferred_" + limited.scope().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (outcome instanceof ZohoOutcome.AuthFailure<?>) {
            return JobDecision.of(new SyncEvent.BudgetExhausted(now.plus(RECONNECT_WAIT)), "deferred_reconnect_needed");
        }
        if (outcome instanceof ZohoOutcome.Outage<?> outage) {
            return new JobDecision(new SyncEvent.RetryableFailure("Zoho unavailable " + doing + ": " + outage.message()),
                    "outage", true);
        }
        throw new IllegalArgumentException("not a failure: " + outcome);
    }
}
