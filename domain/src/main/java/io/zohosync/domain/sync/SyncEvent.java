package io.zohosync.domain.sync;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.entity.EntityRef;
import java.time.Instant;
import java.util.List;

/** Value: something that happened to one (entity, Zoho target) sync — the input of {@link SyncStateMachine}. */
public sealed interface SyncEvent {

    /** Whether only an admin can send this event (the only way out of failed, skipped and manual). */
    default boolean isAdminAction() {
        return false;
    }

    /** A worker took the due sync, holding it until {@code leaseUntil}. */
    record Claimed(String workerId, Instant leaseUntil) implements SyncEvent {
        public Claimed {
            new Checks()
                    .required("worker_id", workerId)
                    .rule(leaseUntil != null, "lease_until", "is required")
                    .throwIfAny();
        }
    }

    /** Zoho confirmed the write; {@code zohoId} is the record it wrote or updated. */
    record Succeeded(String zohoId) implements SyncEvent {
        public Succeeded {
            new Checks().required("zoho_id", zohoId).throwIfAny();
        }
    }

    /** Matching found exactly one existing Zoho record and linked it (design.md §5). */
    record Linked(String zohoId, String reason) implements SyncEvent {
        public Linked {
            new Checks().required("zoho_id", zohoId).required("reason", reason).throwIfAny();
        }
    }

    /** The linked record is left as it is (shared with another entity, or not ours to rewrite): still synced. */
    record Kept(String zohoId, String reason) implements SyncEvent {
        public Kept {
            new Checks().required("zoho_id", zohoId).required("reason", reason).throwIfAny();
        }
    }

    /** Before writing, the marker search found the record an earlier attempt of ours created: linked, and ours. */
    record Recovered(String zohoId, String reason) implements SyncEvent {
        public Recovered {
            new Checks().required("zoho_id", zohoId).required("reason", reason).throwIfAny();
        }
    }

    /** A failure worth another try: 5xx, timeout, refused connection. */
    record RetryableFailure(String error) implements SyncEvent {
        public RetryableFailure {
            new Checks().required("error", error).throwIfAny();
        }
    }

    /**
     * The run broke down on our side before its outcome was known (the database did not answer, a bug): try
     * again at {@code until}, no attempt used — attempts count only runs whose outcome Zoho gave.
     */
    record Interrupted(String error, Instant until) implements SyncEvent {
        public Interrupted {
            new Checks()
                    .required("error", error)
                    .rule(until != null, "until", "is required")
                    .throwIfAny();
        }
    }

    /** A failure another try cannot fix: Zoho rejected the data. */
    record PermanentFailure(String error) implements SyncEvent {
        public PermanentFailure {
            new Checks().required("error", error).throwIfAny();
        }
    }

    /** Matching found more than one candidate; an admin must choose. */
    record Ambiguous(List<String> candidateIds, String reason) implements SyncEvent {
        public Ambiguous {
            new Checks()
                    .rule(
                            candidateIds != null && candidateIds.size() > 1,
                            "candidates",
                            "needs at least two candidates")
                    .required("reason", reason)
                    .throwIfAny();
            candidateIds = List.copyOf(candidateIds);
        }
    }

    /** A returning customer matched no Zoho contact at all. */
    record NoMatch(String reason) implements SyncEvent {
        public NoMatch {
            new Checks().required("reason", reason).throwIfAny();
        }
    }

    /** The API budget is spent (or Zoho answered 429); the sync waits until {@code until}, no attempt used. */
    record BudgetExhausted(Instant until) implements SyncEvent {
        public BudgetExhausted {
            new Checks().rule(until != null, "until", "is required").throwIfAny();
        }
    }

    /** Zoho no longer accepts the connection's tokens: wait for an admin to reconnect (or until {@code until}), no attempt used. */
    record ConnectionLost(Instant until) implements SyncEvent {
        public ConnectionLost {
            new Checks().rule(until != null, "until", "is required").throwIfAny();
        }
    }

    /** An admin reconnected Zoho: syncs deferred for the connection are due at once. */
    record Reconnected() implements SyncEvent {}

    /** A prerequisite is not in Zoho yet (design.md §7): it has been enqueued; look again at {@code recheckAt}, no attempt used. */
    record WaitingForPrerequisites(List<EntityRef> missing, Instant recheckAt) implements SyncEvent {
        public WaitingForPrerequisites {
            new Checks()
                    .rule(missing != null && !missing.isEmpty(), "missing", "names at least one prerequisite")
                    .rule(recheckAt != null, "recheck_at", "is required")
                    .throwIfAny();
            missing = List.copyOf(missing);
        }
    }

    /** A prerequisite this sync waits for is now in Zoho: the sync is due at once. */
    record PrerequisiteReady(EntityRef prerequisite) implements SyncEvent {
        public PrerequisiteReady {
            new Checks()
                    .rule(prerequisite != null, "prerequisite", "is required")
                    .throwIfAny();
        }
    }

    /** A prerequisite this sync waits for failed for good: the sync cannot be written either. */
    record PrerequisiteFailed(EntityRef prerequisite, String error) implements SyncEvent {
        public PrerequisiteFailed {
            new Checks()
                    .rule(prerequisite != null, "prerequisite", "is required")
                    .required("error", error)
                    .throwIfAny();
        }
    }

    /** The rescuer found the worker's lease past its end: the worker is presumed dead. */
    record LeaseExpired() implements SyncEvent {}

    /** The worker hands the sync back unfinished (it is stopping): no attempt used. */
    record LeaseReleased() implements SyncEvent {}

    /** An admin asks for another try of a failed or skipped sync, with a fresh attempt budget. */
    record AdminRetry() implements SyncEvent {
        @Override
        public boolean isAdminAction() {
            return true;
        }
    }

    /** An admin wipes a failed or skipped sync back to a clean pending one (no error, no Zoho id). */
    record AdminReset() implements SyncEvent {
        @Override
        public boolean isAdminAction() {
            return true;
        }
    }

    /** An admin links a Zoho record by hand; from any state. */
    record AdminLink(String zohoId) implements SyncEvent {
        public AdminLink {
            new Checks().required("zoho_id", zohoId).throwIfAny();
        }

        @Override
        public boolean isAdminAction() {
            return true;
        }
    }

    /** An admin removes the link of a synced or manual sync so that it is matched or created again. */
    record AdminUnlink() implements SyncEvent {
        @Override
        public boolean isAdminAction() {
            return true;
        }
    }

    /**
     * The platform entity changed and this target takes updates: push it again — at once when synced or
     * waiting, in the queued run when pending or retrying, after the run in flight when syncing.
     */
    record EntityChanged() implements SyncEvent {}
}
