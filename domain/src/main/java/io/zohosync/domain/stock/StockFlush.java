package io.zohosync.domain.stock;

import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Domain rule: the flush window of stock pushes. A stock record queued by a change that found it not queued (new,
 * synced, waiting) becomes due {@code window} after that first change, so the changes arriving meanwhile are taken
 * along by one push (the state machine leaves a queued record as it is). A record already queued keeps its due time.
 */
public record StockFlush(Duration window) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(2);

    public StockFlush {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("the flush window must not be negative");
        }
    }

    /** {@code next}, the state the state machine decided for a change at {@code now}, with its due time put off. */
    public SyncState delay(boolean wasQueued, SyncState next, Instant now) {
        if (wasQueued || next.status() != SyncStatus.PENDING || next.nextRunAt().isAfter(now.plus(window))) {
            return next;
        }
        return new SyncState(
                next.status(),
                next.attempts(),
                now.plus(window),
                next.lastError(),
                next.lease(),
                next.zohoId(),
                next.reason(),
                next.dirty(),
                next.deferredFor(),
                next.origin(),
                next.transientFaults());
    }
}
