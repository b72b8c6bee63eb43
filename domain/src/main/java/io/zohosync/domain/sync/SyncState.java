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
 * {@code dirty} says the entity changed while a run was in flight, so the run's success is followed
 * by an update; {@code deferredFor} says what a pending sync waits for besides its time;
 * {@code origin} how its Zoho record came to be linked; {@code transientFaults} the transient faults the
 * current attempt has met (none: {@code null}) — they are retried without using an attempt.
 */
public record SyncState(
        SyncStatus status,
        int attempts,
        Instant nextRunAt,
        String lastError,
        Lease lease,
        String zohoId,
        String reason,
        boolean dirty,
        DeferCause deferredFor,
        Origin origin,
        TransientFaults transientFaults) {

    public SyncState {
        new Checks()
                .rule(status != null, "status", "is required")
                .rule(attempts >= 0, "attempts", "must not be negative")
                .rule(nextRunAt != null, "next_run_at", "is required")
                .rule((status == SyncStatus.SYNCING) == (lease != null), "lease", "is held exactly while syncing")
                .rule(
                        !linkedStatus(status) || (zohoId != null && !zohoId.isBlank()),
                        "zoho_id",
                        "is required when synced or manual")
                .rule(!dirty || status == SyncStatus.SYNCING, "dirty", "is only marked while syncing")
                .rule(deferredFor == null || status == SyncStatus.PENDING, "deferred_for", "is only kept while pending")
                .rule(
                        transientFaults == null || queuedStatus(status),
                        "transient_faults",
                        "are only counted while queued or syncing")
                .throwIfAny();
    }

    /** A state with nothing noted about changes, deferrals or origin. */
    public SyncState(
            SyncStatus status,
            int attempts,
            Instant nextRunAt,
            String lastError,
            Lease lease,
            String zohoId,
            String reason) {
        this(status, attempts, nextRunAt, lastError, lease, zohoId, reason, false, null, null, null);
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

    /** Whether a worker holds it or a job waits for it (pending, retrying, waiting, syncing). */
    public boolean isQueued() {
        return queuedStatus(status);
    }

    /** The same state held by another lease (storage reads the lease from its job). */
    public SyncState withLease(Lease newLease) {
        return new SyncState(
                status,
                attempts,
                nextRunAt,
                lastError,
                newLease,
                zohoId,
                reason,
                dirty,
                deferredFor,
                origin,
                transientFaults);
    }

    /** Whether it is linked to a Zoho record (synced or manual). */
    public boolean isLinked() {
        return linkedStatus(status);
    }

    public Optional<String> leaseOwner() {
        return Optional.ofNullable(lease).map(Lease::workerId);
    }

    public Optional<Instant> leaseUntil() {
        return Optional.ofNullable(lease).map(Lease::until);
    }

    /** The next state; the current attempt's transient faults stay while it is still queued or syncing. */
    SyncState with(
            SyncStatus newStatus, int newAttempts, Instant runAt, String error, Lease newLease, String id, String why) {
        return new SyncState(
                newStatus,
                newAttempts,
                runAt,
                error,
                newLease,
                id,
                why,
                false,
                null,
                id == null ? null : origin,
                queuedStatus(newStatus) ? transientFaults : null);
    }

    SyncState withOrigin(Origin newOrigin) {
        return new SyncState(
                status,
                attempts,
                nextRunAt,
                lastError,
                lease,
                zohoId,
                reason,
                dirty,
                deferredFor,
                newOrigin,
                transientFaults);
    }

    SyncState withDirty(String why) {
        return new SyncState(
                status, attempts, nextRunAt, lastError, lease, zohoId, why, true, deferredFor, origin, transientFaults);
    }

    SyncState deferredFor(DeferCause cause) {
        return new SyncState(
                status, attempts, nextRunAt, lastError, lease, zohoId, reason, dirty, cause, origin, transientFaults);
    }

    /** The same state counting {@code faults} as its current attempt's transient faults ({@code null}: none). */
    SyncState withTransientFaults(TransientFaults faults) {
        return new SyncState(
                status, attempts, nextRunAt, lastError, lease, zohoId, reason, dirty, deferredFor, origin, faults);
    }

    private static boolean queuedStatus(SyncStatus status) {
        return status == SyncStatus.PENDING
                || status == SyncStatus.RETRYING
                || status == SyncStatus.WAITING
                || status == SyncStatus.SYNCING;
    }

    private static boolean linkedStatus(SyncStatus status) {
        return status == SyncStatus.SYNCED || status == SyncStatus.MANUAL;
    }
}
