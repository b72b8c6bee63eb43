package io.zohosync.ports.service;

import io.vertx.core.Future;
import io.zohosync.domain.sync.Lease;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.JobOutcome;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: drain the queue once — return expired leases, claim due jobs, run each through its
 * handler, let the domain's state machine decide the next state, and record it under the lease.
 */
public final class SyncWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    /** How many jobs one drain claims, and how long a claim holds before the rescuer may take it back. */
    public record Settings(int batchSize, Duration lease) {
        public Settings {
            if (batchSize < 1 || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("batchSize and lease must be positive");
            }
        }
    }

    private final SyncJobs jobs;
    private final SyncObserver observer;
    private final Map<String, JobHandler> handlers;
    private final SyncStateMachine machine;
    private final Clock clock;
    private final Settings settings;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    public SyncWorker(SyncJobs jobs, SyncObserver observer, List<JobHandler> handlers, SyncStateMachine machine, Clock clock,
            Settings settings) {
        this.jobs = jobs;
        this.observer = observer;
        this.handlers = handlers.stream().collect(Collectors.toMap(h -> key(h.entityType(), h.target()), Function.identity()));
        this.machine = machine;
        this.clock = clock;
        this.settings = settings;
    }

    /** One pass over the queue; the number of jobs it ran. */
    public Future<Integer> drainOnce(String workerId) {
        Instant now = clock.instant();
        return jobs.releaseExpired(now)
                .compose(released -> jobs.claimDue(workerId, settings.batchSize(), settings.lease(), now))
                .compose(claimed -> {
                    Future<?> all = Future.join(claimed.stream().map(job -> process(job, now)).toList());
                    return all.map(claimed.size());
                });
    }

    /** Extends the leases of the jobs this worker is running, so a long run is not taken for a dead one. */
    public Future<Integer> renewLeases(String workerId) {
        return jobs.renew(workerId, List.copyOf(running), settings.lease(), clock.instant());
    }

    /** Returns this worker's unfinished jobs to the queue (graceful shutdown). */
    public Future<Integer> release(String workerId) {
        return jobs.releaseAll(workerId, clock.instant());
    }

    private Future<Boolean> process(ClaimedJob job, Instant claimedAt) {
        running.add(job.jobId());
        return run(job, claimedAt).onComplete(done -> running.remove(job.jobId()));
    }

    private Future<Boolean> run(ClaimedJob job, Instant claimedAt) {
        JobHandler handler = handlers.get(key(job.entityType(), job.target()));
        Future<JobDecision> decision = handler == null
                ? Future.succeededFuture(new JobDecision(new SyncEvent.PermanentFailure(
                        "no handler syncs " + job.entityType() + " to " + job.target()), "unsupported"))
                : handler.run(job, claimedAt);
        return decision
                .recover(error -> {
                    LOG.error("job {} ({} {}) failed unexpectedly", job.jobId(), job.entityType(), job.entityId(), error);
                    return Future.succeededFuture(new JobDecision(
                            new SyncEvent.RetryableFailure("internal error: " + error.getClass().getSimpleName()), "error"));
                })
                .compose(d -> record(job, claimedAt, d));
    }

    private Future<Boolean> record(ClaimedJob job, Instant claimedAt, JobDecision decision) {
        Instant now = clock.instant();
        SyncState syncing = new SyncState(SyncStatus.SYNCING, job.attempts(), claimedAt, null,
                new Lease(job.workerId(), claimedAt.plus(settings.lease())), job.zohoId(), "claimed");
        Transition transition = machine.apply(syncing, decision.event(), now);
        if (transition instanceof Transition.Rejected rejected) {
            LOG.error("job {}: the state machine refused {}: {}", job.jobId(), rejected.event(), rejected.reason());
            return jobs.complete(job, new JobOutcome(SyncStatus.FAILED, job.zohoId(), job.attempts(),
                    "internal: " + rejected.reason(), now, "refused", rejected.reason()), now);
        }
        SyncState next = ((Transition.Moved) transition).next();
        boolean runsAgain = next.status() == SyncStatus.PENDING || next.status() == SyncStatus.RETRYING;
        JobOutcome outcome = new JobOutcome(next.status(), next.zohoId(), next.attempts(), next.lastError(),
                runsAgain ? next.nextRunAt() : null, decision.logEvent(), next.reason());
        return jobs.complete(job, outcome, now).onSuccess(held -> {
            if (held) {
                observer.recorded(job.entityType(), job.target(), next.status(), decision.logEvent());
            } else {
                LOG.warn("job {} ({} {}): lease lost before its outcome ({}) was recorded", job.jobId(),
                        job.entityType(), job.entityId(), next.status().wire());
            }
        });
    }

    private static String key(String entityType, String target) {
        return entityType + "->" + target;
    }
}
