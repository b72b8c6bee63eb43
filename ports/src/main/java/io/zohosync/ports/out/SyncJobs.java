package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Outbound port: the job queue (design.md §7): claim under lease, record outcomes fenced by the lease. */
public interface SyncJobs {

    /** Claims up to {@code max} due jobs for {@code workerId}, marking their records {@code syncing}. */
    Future<List<ClaimedJob>> claimDue(String workerId, int max, Duration lease, Instant now);

    /** Records the outcome if {@code job}'s lease is still current; false when the lease was lost. */
    Future<Boolean> complete(ClaimedJob job, JobOutcome outcome, Instant now);

    /** Extends the leases this worker still holds among {@code jobs} (a long run keeps its claim); how many were extended. */
    Future<Integer> renew(String workerId, List<Long> jobIds, Duration lease, Instant now);

    /** Returns jobs whose lease expired (their worker died) to the queue; their records go back to {@code pending}. */
    Future<Integer> releaseExpired(Instant now);

    /** Returns this worker's jobs to the queue at once (graceful shutdown). */
    Future<Integer> releaseAll(String workerId, Instant now);
}
