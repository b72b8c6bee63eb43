package io.zohosync.ports.out;

import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;

/**
 * What one run of a job decided, written in one transaction with a sync-log row: the record's new
 * status, its Zoho id, attempts, last error, when to run again (for {@code pending}/{@code retrying}),
 * and whether the run ended without knowing if Zoho applied its write (a timeout, say).
 */
public record JobOutcome(
        SyncStatus status,
        String zohoId,
        int attempts,
        String lastError,
        Instant nextRunAt,
        String event,
        String message,
        boolean outcomeUnknown) {}
