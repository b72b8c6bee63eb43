package io.zohosync.domain.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Domain rule: reconciliation reads Zoho only with what the sync leaves (issue 12, item 11). It takes a call only when
 * the budget could start more calls now ({@code free}: the concurrency, minute and day left, the least of them) than
 * there are sync jobs due, each of which needs at least one: so every due job can still start at once, and a job that
 * comes due while a reconciliation page is read finds the slot that page left. Otherwise it waits and looks again.
 */
public final class ReconcilePace {

    /** How long to wait while sync jobs are due: about one worker batch's time. */
    public static final Duration BUSY_RETRY = Duration.ofSeconds(2);

    private ReconcilePace() {}

    /**
     * Empty: a reconciliation call may be made now; else when to ask again. {@code retryAt}: when the budget said a call
     * could start again, when none can now.
     */
    public static Optional<Instant> waitUntil(int free, Instant retryAt, long dueSyncJobs, Instant now) {
        if (free > dueSyncJobs) {
            return Optional.empty();
        }
        Instant busy = now.plus(BUSY_RETRY);
        return Optional.of(free == 0 && retryAt != null && retryAt.isAfter(busy) ? retryAt : busy);
    }
}
