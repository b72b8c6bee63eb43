package io.zohosync.ports.in;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;

/**
 * Read model: one row of the sync log, a decision of the state machine or a note on a record. {@code from} is null for
 * a record's first row; {@code repeats} counts a deferral logged again and again, {@code lastAt} its latest time (null
 * when it happened once).
 */
public record SyncLogEntry(
        long id,
        SyncKey key,
        Instant at,
        SyncStatus from,
        SyncStatus to,
        String event,
        String message,
        String zohoId,
        int repeats,
        Instant lastAt) {}
