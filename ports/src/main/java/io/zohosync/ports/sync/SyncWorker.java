package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.JobKind;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.sync.handler.BatchSyncHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: drain the queue once — return expired leases, claim due jobs, run each through the
 * {@link SyncRunner}, and record what the domain's state machine makes of the outcome under the lease;
 * then let the records that wait for it follow ({@link Dependants}). It claims no more jobs than the API budget
 * could start now, and none while it has no room: a job it cannot run stays queued, unclaimed and unlogged, and
 * the worker looks again when the budget says (issue 13, defect 3).
 */
public final class SyncWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
    /** How long a run that broke down on our side (not Zoho's answer) waits before it is tried again. */
    static final Duration INTERRUPTED_WAIT = Duration.ofMinutes(1);
    /**
     * How often the passes look for expired leases to take back, at most: a lease runs for minutes, and looking on
     * every pass would cost each pass a transaction of its own (issue 14, goal 2).
     */
    static final Duration RESCUE_EVERY = Duration.ofSeconds(1);
    /**
     * How often a busy worker looks at the products it found no job for, at most: while its passes fill up, each
     * asks the budget of, and claims for, only the products the one before claimed jobs for; the others' headroom
     * and batch claims would cost each pass a statement each (issue 14, goal 2). A pass that did not fill up, or
     * that looked at only some products and found less than it could run, has the next look at them all.
     */
    static final Duration SURVEY_EVERY = Duration.ofSeconds(1);

    /**
     * How many jobs one drain claims, how long a claim holds before the rescuer may take it back, and how long the
     * oldest due job of a batched kind waits for others to share its call (the flush window).
     */
    public record Settings(int batchSize, Duration lease, Duration flush) {
        public static final Duration DEFAULT_FLUSH = Duration.ofSeconds(2);

        public Settings {
            if (batchSize < 1 || lease.isNegative() || lease.isZero() || flush.isNegative()) {
                throw new IllegalArgumentException("batchSize and lease must be positive, flush not negative");
            }
        }

        public Settings(int batchSize, Duration lease) {
            this(batchSize, lease, DEFAULT_FLUSH);
        }
    }

    /**
     * What one pass did: the jobs it ran; {@code full} when it ran all it could claim (more may be due: go on at
     * once); {@code budgetOpensAt} set when it claimed none as the budget had no room, until then.
     */
    public record Drained(int ran, boolean full, Instant budgetOpensAt) {}

    private final SyncJobs jobs;
    private final ZohoCallBudget budget;
    private final Dependants dependants;
    private final SyncRunner runner;
    private final SyncObserver observer;
    private final SyncStateMachine machine;
    private final Clock clock;
    private final Settings settings;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /** When expired leases were last looked for (null: never yet). */
    private volatile Instant rescuedAt;
    /** When a pass last looked at every product (null: never yet). */
    private volatile Instant surveyedAt;
    /** The products the last pass claimed jobs for; the next looks at all when {@link #surveyNext}. */
    private volatile Set<ZohoProduct> inPlay = Set.of();
    /** Whether the next pass looks at every product: the last one did not fill up (or there was none yet). */
    private volatile boolean surveyNext = true;
    /** The outcomes being recorded of jobs whose runs have ended: a {@link #pass} ends before them. */
    private final Set<Future<?>> recording = ConcurrentHashMap.newKeySet();

    public SyncWorker(
            SyncJobs jobs,
            ZohoCallBudget budget,
            Dependants dependants,
            SyncRunner runner,
            SyncObserver observer,
            SyncStateMachine machine,
            Clock clock,
            Settings settings) {
        this.jobs = jobs;
        this.budget = budget;
        this.dependants = dependants;
        this.runner = runner;
        this.observer = observer;
        this.machine = machine;
        this.clock = clock;
        this.settings = settings;
    }

    /** One pass over the queue: claims as many due jobs as the budget could start, at most a batch, and runs them. */
    public Future<Drained> drainOnce(String workerId) {
        return drainOnce(workerId, settings.batchSize());
    }

    /**
     * As {@link #drainOnce(String)}, claiming at most {@code max} jobs (a scheduled run's or a command's remaining cap),
     * and never more than a batch: a large cap is reached pass after pass, not leased at once.
     */
    public Future<Drained> drainOnce(String workerId, int max) {
        return pass(workerId, max).compose(drained -> recorded().map(drained));
    }

    /**
     * As {@link #drainOnce(String)}, but ends once its jobs' runs have ended (their Zoho calls made, their budget given
     * back) while their outcomes may still be being recorded, so that the next pass claims while they are (issue 14,
     * goal 2); {@link #recorded} waits for them. An outcome that cannot be recorded is logged, and its job's lease
     * runs out: the rescuer returns it.
     */
    public Future<Drained> pass(String workerId) {
        return pass(workerId, settings.batchSize());
    }

    /** Completes once every outcome being recorded now is recorded; fails if one could not be. */
    public Future<Void> recorded() {
        Future<?> all = Future.join(List.copyOf(recording));
        return all.mapEmpty();
    }

    private Future<Drained> pass(String workerId, int max) {
        Instant now = clock.instant();
        SyncEvent.Claimed claim = new SyncEvent.Claimed(workerId, now.plus(settings.lease()));
        Set<JobKind> batched = runner.batchKinds();
        Set<ZohoProduct> looked =
                surveyNext || inPlay.isEmpty() || !within(surveyedAt, now, SURVEY_EVERY) ? null : inPlay;
        Set<ZohoProduct> claimedFor = ConcurrentHashMap.newKeySet();
        return rescue(now)
                .compose(x -> drain(workerId, max, batched, claim, now, looked, claimedFor))
                .map(drained -> {
                    if (looked == null) {
                        surveyedAt = now;
                    }
                    inPlay = Set.copyOf(claimedFor);
                    surveyNext = !drained.full();
                    // the products it did not look at may have jobs due: the next pass, at once, looks at all
                    return looked != null && !drained.full() ? new Drained(drained.ran(), true, null) : drained;
                });
    }

    /**
     * Whether {@code now} is less than {@code every} after {@code last}; not when the clock went back or stood still
     * (a test's fixed clock), so that what is looked for at most so often is looked for then.
     */
    private static boolean within(Instant last, Instant now, Duration every) {
        return last != null && now.isAfter(last) && now.isBefore(last.plus(every));
    }

    /** Takes back the jobs whose leases expired, unless that was looked for less than {@link #RESCUE_EVERY} ago. */
    private Future<Integer> rescue(Instant now) {
        if (within(rescuedAt, now, RESCUE_EVERY)) {
            return Future.succeededFuture(0);
        }
        return jobs.releaseExpired(now, state -> machine.apply(state, new SyncEvent.LeaseExpired(), now))
                .onSuccess(x -> rescuedAt = now);
    }

    /**
     * One pass: the one-by-one jobs of the products whose budget has room (a product without room — held full by
     * another instance, say — keeps its jobs queued and unclaimed while the others go on), at most as many as the
     * roomiest could start; then each batched kind whose product has room for a call. Only the products in
     * {@code looked} when it is not null (the others' jobs stay queued for a pass that looks at all); the products
     * it claims jobs for are added to {@code claimedFor}.
     */
    private Future<Drained> drain(
            String workerId,
            int max,
            Set<JobKind> batched,
            SyncEvent.Claimed claim,
            Instant now,
            Set<ZohoProduct> looked,
            Set<ZohoProduct> claimedFor) {
        Set<JobKind> unlooked = new HashSet<>();
        List<ZohoProduct> single = new ArrayList<>();
        for (ZohoProduct product : runner.products()) {
            if (looked == null || looked.contains(product)) {
                single.add(product);
            } else {
                unlooked.addAll(kindsOf(product));
            }
        }
        List<JobKind> batches = batched.stream()
                .filter(kind -> looked == null || looked.contains(ZohoProduct.of(kind.target())))
                .toList();
        Future<Drained> singles = single.isEmpty()
                ? Future.succeededFuture(new Drained(0, false, null))
                : roomPerProduct(single, now).compose(rooms -> {
                    Set<JobKind> skipped = new HashSet<>(batched);
                    skipped.addAll(unlooked);
                    int free = 0;
                    Instant opensAt = null;
                    for (int i = 0; i < single.size(); i++) {
                        ZohoBudget.Headroom room = rooms.get(i);
                        if (room.free() < 1) {
                            skipped.addAll(kindsOf(single.get(i)));
                            opensAt = opensAt == null
                                            || (room.retryAt() != null
                                                    && room.retryAt().isBefore(opensAt))
                                    ? room.retryAt()
                                    : opensAt;
                        }
                        free = Math.max(free, room.free());
                    }
                    return free < 1
                            ? Future.succeededFuture(new Drained(0, false, opensAt))
                            : claimExcept(
                                    workerId,
                                    skipped,
                                    Math.min(Math.min(max, settings.batchSize()), free),
                                    claim,
                                    now,
                                    claimedFor);
                });
        if (batches.isEmpty()) {
            return singles;
        }
        Set<ZohoProduct> batchProducts = EnumSet.noneOf(ZohoProduct.class);
        batches.forEach(kind -> batchProducts.add(ZohoProduct.of(kind.target())));
        return singles.compose(sofar -> budget.headroom(batchProducts, now)
                .compose(room -> room.free() < 1
                        ? Future.succeededFuture(sofar)
                        : batches(workerId, batches, 0, claimedNow(workerId), clock.instant(), sofar, claimedFor)));
    }

    /** Each product's headroom, in the order given: asked for all at once, then gathered. */
    private Future<List<ZohoBudget.Headroom>> roomPerProduct(List<ZohoProduct> products, Instant now) {
        List<Future<ZohoBudget.Headroom>> asked = products.stream()
                .map(product -> budget.headroom(Set.of(product), now))
                .toList();
        Future<List<ZohoBudget.Headroom>> rooms = Future.succeededFuture(new ArrayList<>());
        for (Future<ZohoBudget.Headroom> room : asked) {
            rooms = rooms.compose(sofar -> room.map(r -> {
                sofar.add(r);
                return sofar;
            }));
        }
        return rooms;
    }

    /** Every kind of job whose target is kept in {@code product}. */
    private static Set<JobKind> kindsOf(ZohoProduct product) {
        Set<JobKind> kinds = new HashSet<>();
        for (SyncTarget target : SyncTarget.values()) {
            if (ZohoProduct.of(target) == product) {
                for (EntityType type : EntityType.values()) {
                    kinds.add(new JobKind(type, target));
                }
            }
        }
        return kinds;
    }

    /** A claim made now (a batch claimed after the one-by-one jobs ran gets a lease from now, not from the pass's start). */
    private SyncEvent.Claimed claimedNow(String workerId) {
        return new SyncEvent.Claimed(workerId, clock.instant().plus(settings.lease()));
    }

    private Future<Drained> claimExcept(
            String workerId,
            Set<JobKind> batched,
            int limit,
            SyncEvent.Claimed claim,
            Instant now,
            Set<ZohoProduct> claimedFor) {
        return jobs.claimDueExcept(
                        workerId, batched, limit, settings.lease(), now, state -> machine.apply(state, claim, now))
                .compose(claimed -> {
                    claimed.forEach(
                            job -> claimedFor.add(ZohoProduct.of(job.key().target())));
                    Future<?> ran = Future.join(
                            claimed.stream().map(job -> process(job, now)).toList());
                    return ran.map(new Drained(claimed.size(), claimed.size() >= limit, null));
                });
    }

    /**
     * The batched kinds, one after the other: each claims its due jobs once its batch is ready and writes them in one
     * call; the pass is full when a batch was.
     */
    private Future<Drained> batches(
            String workerId,
            List<JobKind> kinds,
            int next,
            SyncEvent.Claimed claim,
            Instant now,
            Drained sofar,
            Set<ZohoProduct> claimedFor) {
        if (next == kinds.size()) {
            return Future.succeededFuture(sofar);
        }
        int max = BatchSyncHandler.MAX_BATCH;
        return jobs.claimBatch(
                        workerId,
                        kinds.get(next),
                        max,
                        settings.flush(),
                        settings.lease(),
                        now,
                        state -> machine.apply(state, claim, now))
                .compose(claimed -> {
                    if (claimed.isEmpty()) {
                        return Future.succeededFuture(0);
                    }
                    claimedFor.add(ZohoProduct.of(kinds.get(next).target()));
                    return processBatch(kinds.get(next), claimed, now).map(claimed.size());
                })
                .compose(ran -> batches(
                        workerId,
                        kinds,
                        next + 1,
                        claim,
                        now,
                        new Drained(sofar.ran() + ran, sofar.full() || ran >= max, sofar.budgetOpensAt()),
                        claimedFor));
    }

    /** Writes one batch and records each job's own outcome under its own lease. */
    private Future<Void> processBatch(JobKind kind, List<ClaimedJob> batch, Instant claimedAt) {
        batch.forEach(job -> running.add(job.jobId()));
        return runner.runBatch(kind, batch, claimedAt)
                .recover(error -> {
                    LOG.error("a batch of {} {} jobs failed unexpectedly", batch.size(), kind, error);
                    Decision interrupted = Decision.of(
                            new SyncEvent.Interrupted(
                                    "internal error: " + error.getClass().getSimpleName(),
                                    clock.instant().plus(INTERRUPTED_WAIT)),
                            "interrupted");
                    return Future.succeededFuture(java.util.Collections.nCopies(batch.size(), interrupted));
                })
                .compose(decisions -> {
                    List<Future<Boolean>> recorded = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        ClaimedJob job = batch.get(i);
                        recorded.add(record(job, decisions.get(i)).onComplete(done -> running.remove(job.jobId())));
                    }
                    Future<?> joined = Future.join(recorded);
                    return joined.<Void>mapEmpty();
                })
                .onFailure(e -> batch.forEach(job -> running.remove(job.jobId())));
    }

    /** Calls {@code listener} whenever this instance frees a slot of the API budget (see {@link Drained#budgetOpensAt}). */
    public void onBudgetFreed(Runnable listener) {
        budget.onFreed(listener);
    }

    /** Extends the leases of the jobs this worker is running, so a long run is not taken for a dead one. */
    public Future<Integer> renewLeases(String workerId) {
        return jobs.renew(workerId, List.copyOf(running), settings.lease(), clock.instant());
    }

    /** Hands this worker's unfinished jobs back to the queue (graceful shutdown). */
    public Future<Integer> release(String workerId) {
        Instant now = clock.instant();
        return jobs.releaseAll(workerId, now, state -> machine.apply(state, new SyncEvent.LeaseReleased(), now));
    }

    /** Runs the job, answering once the run has ended; its outcome is recorded after, in {@link #recording}. */
    private Future<Decision> process(ClaimedJob job, Instant claimedAt) {
        running.add(job.jobId());
        Future<Decision> ran = runner.run(job, claimedAt).recover(error -> {
            LOG.error("job {} ({}) failed unexpectedly", job.jobId(), job.key(), error);
            return Future.succeededFuture(Decision.of(
                    new SyncEvent.Interrupted(
                            "internal error: " + error.getClass().getSimpleName(),
                            clock.instant().plus(INTERRUPTED_WAIT)),
                    "interrupted"));
        });
        Future<Boolean> recorded = ran.compose(decision -> record(job, decision))
                .onComplete(done -> running.remove(job.jobId()))
                .onFailure(e -> LOG.warn(
                        "job {} ({}): its outcome could not be recorded, its lease runs out: {}",
                        job.jobId(),
                        job.key(),
                        e.toString()));
        recording.add(recorded);
        recorded.onComplete(done -> recording.remove(recorded));
        return ran;
    }

    private Future<Boolean> record(ClaimedJob job, Decision decision) {
        Instant now = clock.instant();
        return jobs.complete(
                        job,
                        decision.logEvent(),
                        decision.waitingFor(),
                        now,
                        state -> machine.apply(state, decision.event(), now))
                .compose(next -> {
                    if (next.isEmpty()) {
                        LOG.warn(
                                "job {} ({}): lease lost before its outcome ({}) was recorded",
                                job.jobId(),
                                job.key(),
                                decision.logEvent());
                        return Future.succeededFuture(false);
                    }
                    SyncState state = next.get();
                    observer.recorded(job.key(), state.status(), decision.logEvent());
                    Future<Void> follow = state.status() == SyncStatus.WAITING
                            ? dependants.recheck(job.key(), decision.waitingFor(), now)
                            : dependants.follow(job.key(), state.status(), state.zohoId(), state.lastError(), now);
                    return follow.map(true);
                });
    }
}
