package io.zohosync.ports.service;

import io.zohosync.domain.sync.SyncEvent;

/**
 * What running one job decided: the domain event to apply, a short name for the sync log, and
 * whether a write may have reached Zoho without us learning its result.
 */
public record JobDecision(SyncEvent event, String logEvent, boolean outcomeUnknown) {

    public static JobDecision of(SyncEvent event, String logEvent) {
        return new JobDecision(event, logEvent, false);
    }
}
