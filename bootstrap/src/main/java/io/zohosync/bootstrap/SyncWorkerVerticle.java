package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.zohosync.ports.out.JobSignals;
import io.zohosync.ports.sync.SyncWorker;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-loop verticle that drains the job queue: at once when Postgres signals a due job, at once
 * again while it finds full batches (a pass ends when its jobs' runs have: the next claims while their outcomes are
 * being recorded), every poll interval otherwise; while the API budget has no room,
 * when the budget says it will or as soon as this instance frees a slot. On a schedule ({@code ZSYNC_SCHEDULE}) it
 * instead runs one batch of at most the schedule's cap per period and sleeps between them. On undeploy it lets the
 * running batch finish and its outcomes be recorded, then hands back whatever it still holds so another worker can
 * take it.
 */
public final class SyncWorkerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWorkerVerticle.class);

    private final SyncWorker worker;
    private final JobSignals signals;
    private final String workerId;
    private final Duration pollInterval;
    /** Renewed at a third of its length, so a run survives two missed renewals. */
    private final long leaseRenewEveryMs;

    private long timer = -1;
    private long renewals = -1;
    private boolean stopping;
    private boolean draining;
    private boolean nudged;
    /** The last pass claimed nothing as the API budget had no room: a slot this instance frees is worth a look. */
    private boolean waitingForBudget;

    private Future<?> inFlight = Future.succeededFuture();

    /** On a schedule: the period and the cap per run (null: continuous); the current run's start and jobs run. */
    private final Duration period;

    private final int cap;
    private Instant runStarted;
    private int ranThisRun;

    public SyncWorkerVerticle(
            SyncWorker worker, JobSignals signals, String workerId, Duration pollInterval, Duration lease) {
        this(worker, signals, workerId, pollInterval, lease, null, 0);
    }

    /** A worker that runs at most {@code cap} jobs once every {@code period} ({@code ZSYNC_SCHEDULE}). */
    public SyncWorkerVerticle(
            SyncWorker worker,
            JobSignals signals,
            String workerId,
            Duration pollInterval,
            Duration lease,
            Duration period,
            int cap) {
        this.worker = worker;
        this.signals = signals;
        this.workerId = workerId;
        this.pollInterval = pollInterval;
        this.leaseRenewEveryMs = lease.toMillis() / 3;
        this.period = period;
        this.cap = cap;
    }

    @Override
    public Future<?> start() {
        schedule(1);
        worker.onBudgetFreed(() -> context.runOnContext(v -> {
            if (waitingForBudget) {
                nudge();
            }
        }));
        renewals = vertx.setPeriodic(
                Math.max(1_000, leaseRenewEveryMs),
                id -> worker.renewLeases(workerId)
                        .onFailure(
                                e -> LOG.warn("sync worker {}: could not renew leases: {}", workerId, e.toString())));
        if (period != null) {
            LOG.info("sync worker {} running at most {} jobs every {}", workerId, cap, period);
            return Future.succeededFuture();
        }
        LOG.info("sync worker {} polling every {} ms", workerId, pollInterval.toMillis());
        return signals.listen(this::nudge).recover(error -> {
            LOG.warn("sync worker {}: no LISTEN/NOTIFY ({}); polling only", workerId, error.toString());
            return Future.succeededFuture();
        });
    }

    /** A job became due: drain now, or right after the batch in flight. */
    private void nudge() {
        if (stopping || period != null) {
            return;
        }
        if (draining) {
            nudged = true;
            return;
        }
        vertx.cancelTimer(timer);
        schedule(1);
    }

    private void schedule(long delayMs) {
        timer = vertx.setTimer(Math.max(1, delayMs), id -> drain());
    }

    private void drain() {
        if (stopping) {
            return;
        }
        if (period != null) {
            scheduledRun();
            return;
        }
        draining = true;
        nudged = false;
        // a pass ends once its jobs' runs have: the next one claims while their outcomes are being recorded
        inFlight = worker.pass(workerId).onComplete(ar -> {
            draining = false;
            waitingForBudget = ar.succeeded() && ar.result().budgetOpensAt() != null;
            if (ar.failed()) {
                LOG.warn(
                        "sync worker {}: drain failed, trying again in {} ms: {}",
                        workerId,
                        pollInterval.toMillis(),
                        ar.cause().toString());
            }
            if (!stopping) {
                schedule(nudged ? 1 : ar.failed() ? pollInterval.toMillis() : next(ar.result()));
            }
        });
    }

    /**
     * One pass of the scheduled run, claiming no more than its cap leaves; the run goes on at once after a full pass,
     * when the budget reopens after a refused one (within its period), and ends at its cap or when nothing more is
     * due: the next starts a period after this one started.
     */
    private void scheduledRun() {
        if (runStarted == null) {
            runStarted = Instant.now();
            ranThisRun = 0;
        }
        draining = true;
        inFlight = worker.drainOnce(workerId, cap - ranThisRun).onComplete(ar -> {
            draining = false;
            if (stopping) {
                return;
            }
            Instant nextRun = runStarted.plus(period);
            if (ar.failed()) {
                LOG.warn(
                        "sync worker {}: scheduled run failed: {}",
                        workerId,
                        ar.cause().toString());
            } else {
                ranThisRun += ar.result().ran();
                Instant opens = ar.result().budgetOpensAt();
                if (ranThisRun < cap && ar.result().full()) {
                    schedule(1);
                    return;
                }
                if (ranThisRun < cap && opens != null && opens.isBefore(nextRun)) {
                    schedule(Duration.between(Instant.now(), opens).toMillis());
                    return;
                }
            }
            LOG.info(
                    "sync worker {}: scheduled run synced {} of at most {} jobs; next run at {}",
                    workerId,
                    ranThisRun,
                    cap,
                    nextRun);
            runStarted = null;
            schedule(Duration.between(Instant.now(), nextRun).toMillis());
        });
    }

    /** Milliseconds to the next pass: at once after a full one, when the budget opens after a refused one. */
    private long next(SyncWorker.Drained drained) {
        if (drained.full()) {
            return 1;
        }
        if (drained.budgetOpensAt() != null) {
            long wait = Duration.between(Instant.now(), drained.budgetOpensAt()).toMillis();
            return Math.max(1, Math.min(wait, pollInterval.toMillis()));
        }
        return pollInterval.toMillis();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(timer);
        vertx.cancelTimer(renewals);
        return signals.close()
                .transform(closed -> inFlight)
                .transform(done -> worker.recorded())
                .transform(done -> worker.release(workerId))
                .onSuccess(released ->
                        LOG.info("sync worker {} stopped; {} unfinished jobs handed back", workerId, released))
                .onFailure(error -> LOG.warn(
                        "sync worker {} could not hand its jobs back ({}); their leases expire instead",
                        workerId,
                        error.toString()));
    }
}
