package io.zohosync.domain.sync;

import io.zohosync.domain.common.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * Value: where one entity stands towards one Zoho target (design.md §4).
 *
 * <p>{@code attempts} counts the runs that reached Zoho and ended (success, failure or a match
 * decision); a claim does not count until its outcome is known, so a lost lease or a budget
 * deferral never uses an attempt. {@code reason} says in words why the state is what it is.
 */
public record SyncState(
        SyncStatus status,
        int attempts,
        Instant nextRunAt,
        String lastError,
        Lease lease,
        String zohoId,
        String reason) {

    public SyncState {
        new Checks()
                .rule(status != null, "status", "is required")
                .rule(attempts >= 0, "attempts", "must not be negative")
                .rule(nextRunAt != null, "next_run_at", "is required")
                .rule((status == SyncStatus.SYNCING) == (lease != null), "lease", "is held exactly while syncing")
                .rule(!linkedStatus(status) || (zohoId != null && !zohoId.isBlank()), "zoho_id",
                        "is required when synced or manual")
                .throwIfAny();
    }

    /** A new sync, due at once. */
    public static SyncState pending(Instant now) {
        return new SyncState(SyncStatus.PENDING, 0, now, null, null, null, "new");
    }

    /** The number of the run a worker is making or would make next (1-based). */
    public int currentAttempt() {
        return attempts + 1;
    }

    public boolean isDue(Instant now) {
        return !nextRunAt.isAfter(now);
    }

    public Optional<String> leaseOwner() {
        return Optional.ofNullable(lease).map(Lease::workerId);
    }

    public Optional<Instant> leaseUntil() {
        return Optional.ofNullable(lease).map(Lease::until);
    }

    SyncState with(SyncStatus newStatus, int newAttempts, Instant runAt, String error, Lease newLease, String id, String why) {
        return new SyncState(newStatus, newAttempts, runAt, error, newLease, id, why);
    }

    private static boolean linkedStatus(SyncStatus status) {
        return status == SyncStatus.SYNCED || status == SyncStatus.MANUAL;
    }
}
