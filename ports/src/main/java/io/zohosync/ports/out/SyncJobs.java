package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Outbound port: the job queue (design.md §7). Every change loads the record's state, lets {@code decide}
 * (the domain's state machine) turn it into a transition, and stores the answer with its job and log row in
 * one transaction; storage decides nothing.
 */
public interface SyncJobs {

    /** Claims up to {@code max} due jobs for {@code workerId}, storing what {@code decide} makes of each claim. */
    Future<List<ClaimedJob>> claimDue(
            String workerId, int max, Duration lease, Instant now, Function<SyncState, Transition> decide);

    /** As {@link #claimDue}, leaving the jobs of the {@code batched} kinds to {@link #claimBatch}. */
    Future<List<ClaimedJob>> claimDueExcept(
            String workerId,
            Set<JobKind> batched,
            int max,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide);

    /**
     * Claims the due jobs of one kind together, up to {@code max}, once the batch is ready: {@code max} are due, or the
     * oldest due has waited {@code flush} (the flush window); none before.
     */
    Future<List<ClaimedJob>> claimBatch(
            String workerId,
            JobKind kind,
            int max,
            Duration flush,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide);

    /** Notes, before a create, that a write to Zoho may land: until the record is linked, runs look for the marker first. */
    Future<Boolean> markIntent(ClaimedJob job, Instant now);

    /**
     * Records the outcome if {@code job}'s lease is still current: {@code decide} sees the record as it now
     * stands (a change may have arrived while the run was in flight). {@code waitingFor} names the
     * prerequisites a waiting record waits on. Empty when the lease was lost.
     */
    Future<Optional<SyncState>> complete(
            ClaimedJob job,
            String event,
            List<SyncKey> waitingFor,
            Instant now,
            Function<SyncState, Transition> decide);

    /** Extends the leases this worker still holds among {@code jobs}; how many were extended. */
    Future<Integer> renew(String workerId, List<Long> jobIds, Duration lease, Instant now);

    /** Offers every job whose lease expired (its worker died) to {@code decide}; how many went back to the queue. */
    Future<Integer> releaseExpired(Instant now, Function<SyncState, Transition> decide);

    /** Offers this worker's jobs to {@code decide} at once (graceful shutdown); how many went back. */
    Future<Integer> releaseAll(String workerId, Instant now, Function<SyncState, Transition> decide);
}
