package io.zohosync.ports.out;

import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;

/**
 * What one run of a job decided, written in one transaction with a sync-log row: the record's new
 * status, its Zoho id, attempts, last error and when to run again (for {@code pending}/{@code retrying}).
 * The write intent noted at claim stays until the record is linked ({@code synced} or {@code manual}):
 * until then an earlier write may have landed, and every later run looks for its marker first.
 */
public record JobOutcome(
        SyncStatus status,
        String zohoId,
        int attempts,
        String lastError,
        Instant nextRunAt,
        String event,
        String message) {}
