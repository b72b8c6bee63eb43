package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.backfill.BackfillService.Plan;
import io.zohosync.ports.out.zoho.ZohoBudgetOutlook;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.sync.SyncWorker;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The backfill's drain: the service's worker, run pass after pass from this thread until every selected record is
 * synced, failed or skipped, or waits for a prerequisite nothing due can bring. Ctrl-C (SIGINT, or an interrupt of
 * this thread) ends it after the pass in flight and hands back what it holds: the rest stays queued.
 */
final class Backfill {

    /** How long one pass may take: a batch of jobs, each a few Zoho calls with their timeouts. */
    private static final Duration PASS_WAIT = Duration.ofMinutes(5);
    /** How often the budget is asked when the last call could be made. */
    private static final Duration ETA_EVERY = Duration.ofSeconds(5);

    record Result(BackfillCommand.Tally tally, long total, Duration took, boolean interrupted) {
        int exitCode() {
            return interrupted ? 130 : tally.failed() + tally.skipped() + tally.waiting() + tally.active() > 0 ? 1 : 0;
        }

        String summary() {
            String counts = tally.synced() + " synced, " + tally.failed() + " failed, " + tally.skipped()
                    + " skipped (for an admin), " + tally.waiting() + " waiting for a prerequisite";
            if (interrupted) {
                return "zoho-sync backfill: interrupted after " + BackfillReport.human(took) + " with " + tally.done()
                        + " of " + total + " done (" + counts + "); the rest stay queued: run the same backfill again"
                        + " to continue (nothing is written twice)";
            }
            return "zoho-sync backfill: " + tally.done() + " of " + total + " done in " + BackfillReport.human(took)
                    + ": " + counts;
        }
    }

    private final CommandRuntime runtime;
    private final Plan plan;
    private final List<SyncKey> keys;
    private final Map<SyncKey, Integer> planned;
    private final ZohoBudgetOutlook outlook;
    /** Counted down once the command has said how it ended: a Ctrl-C's shutdown hook waits for that before the JVM halts. */
    private final CountDownLatch told = new CountDownLatch(1);

    Backfill(CommandRuntime runtime, Plan plan, ZohoBudgetOutlook outlook) {
        this.runtime = runtime;
        this.plan = plan;
        this.keys = plan.keys();
        this.planned = plan.planned();
        this.outlook = outlook;
    }

    Result run(PrintWriter err) throws CommandRuntime.Refused {
        SyncWorker worker = runtime.worker(runtime.config.batchSize(), (key, status, event) -> {});
        String workerId = CommandRuntime.workerId("backfill");
        Thread self = Thread.currentThread();
        Thread onCtrlC = new Thread(
                () -> {
                    self.interrupt();
                    try {
                        told.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "zoho-sync-backfill-interrupt");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        Instant started = Instant.now();
        BackfillCommand.Tally tally = null;
        boolean interrupted = false;
        Future<SyncWorker.Drained> inFlight = Future.succeededFuture();
        try (Progress progress = new Progress("backfill", keys.size(), err)) {
            Instant nextEta = Instant.MIN;
            boolean idle = false;
            while (true) {
                tally = BackfillCommand.Tally.of(
                        keys, waitFor(runtime.pg.syncRecords().states(keys)));
                progress.stepTo(tally.done());
                if (tally.active() == 0 && (tally.waiting() == 0 || idle)) {
                    progress.eta(Duration.ZERO);
                    progress.message("");
                    break;
                }
                if (!Instant.now().isBefore(nextEta)) {
                    eta(progress, tally);
                    nextEta = Instant.now().plus(ETA_EVERY);
                }
                inFlight = worker.drainOnce(workerId);
                SyncWorker.Drained pass = waitFor(inFlight);
                idle = pass.ran() == 0 && pass.budgetOpensAt() == null;
                if (!pass.full()) {
                    Thread.sleep(pause(pass).toMillis());
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            Thread.interrupted(); // the pass in flight ends and the hand-back runs, not interrupted in turn
            try {
                Blocking.await(inFlight, PASS_WAIT);
            } catch (Exception e) {
                // what it held goes back with the hand-back, or its lease runs out
            }
            Blocking.quietly(worker.release(workerId));
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping (Ctrl-C): the hook is running and waits for us
            }
        }
        if (interrupted || tally == null) {
            tally = BackfillCommand.Tally.of(
                    keys, uninterrupted(runtime.pg.syncRecords().states(keys)));
        }
        return new Result(tally, keys.size(), Duration.between(started, Instant.now()), interrupted);
    }

    /** The command has printed how the backfill ended (or given up): a waiting Ctrl-C may let the JVM halt now. */
    void told() {
        told.countDown();
    }

    /** Until the budget reopens when it refused, a poll interval when nothing was due, at least a moment. */
    private Duration pause(SyncWorker.Drained pass) {
        Duration poll = runtime.config.pollInterval();
        if (pass.budgetOpensAt() != null) {
            Duration wait = Duration.between(Instant.now(), pass.budgetOpensAt());
            return wait.compareTo(poll) > 0 ? poll : wait.isNegative() ? Duration.ofMillis(10) : wait;
        }
        return pass.ran() > 0 ? Duration.ofMillis(10) : poll;
    }

    /** The ETA the budget gives for the calls the records not done yet plan: when the last of them could be made. */
    private void eta(Progress progress, BackfillCommand.Tally tally) throws InterruptedException {
        Map<SyncKey, SyncState> states = waitFor(runtime.pg.syncRecords().states(keys));
        Map<ZohoProduct, Long> remaining = new EnumMap<>(ZohoProduct.class);
        for (SyncKey key : keys) {
            SyncState state = states.get(key);
            SyncStatus status = state == null ? SyncStatus.PENDING : state.status();
            if (status == SyncStatus.PENDING
                    || status == SyncStatus.RETRYING
                    || status == SyncStatus.SYNCING
                    || status == SyncStatus.WAITING) {
                remaining.merge(BackfillCommand.product(key), (long) planned.getOrDefault(key, 1), Long::sum);
            }
        }
        long retrying = states.values().stream()
                .filter(state -> state.status() == SyncStatus.RETRYING)
                .count();
        Instant now = Instant.now();
        Instant last = now;
        long calls = 0;
        for (Map.Entry<ZohoProduct, Long> e : remaining.entrySet()) {
            calls += e.getValue();
            try {
                Instant finish = waitFor(outlook.finishTime(e.getKey(), e.getValue(), now));
                last = finish.isAfter(last) ? finish : last;
            } catch (IllegalStateException notConfigured) {
                progress.eta(null);
                return;
            }
        }
        progress.eta(Duration.between(now, last));
        progress.message(
                " " + calls + " calls to go" + (retrying == 0 ? "" : ", " + retrying + " retrying after Zoho failed"));
    }

    /** The future's result; a failure of the database is a refusal, an interrupt (Ctrl-C) is passed on. */
    private static <T> T waitFor(Future<T> future) throws InterruptedException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(PASS_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalStateException state) {
                throw state;
            }
            throw new IllegalStateException(
                    "the queue could not be read or run: " + (cause.getMessage() != null ? cause.getMessage() : cause),
                    cause);
        }
    }

    private static <T> T uninterrupted(Future<T> future) {
        try {
            return waitFor(future);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted again", e);
        }
    }
}
