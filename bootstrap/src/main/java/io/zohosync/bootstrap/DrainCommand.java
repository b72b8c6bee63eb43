package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.sync.SyncWorker;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync drain --max N}: cron mode — the service's worker runs one batch of up to N due jobs, in the queue's
 * order, under the shared budget; prints each job's outcome and exits.
 */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one batch of up to N due sync jobs (the queue's order, under the shared Zoho budget) with the"
                    + " service's worker, prints what happened to each, and exits: for cron.",
            "Exit 0 done, 1 some failed, 2 cannot run."
        })
final class DrainCommand implements Callable<Integer> {

    private static final Duration PASS_WAIT = Duration.ofMinutes(5);

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--max", required = true, paramLabel = "N", description = "the most jobs to run (1 to 10000)")
    private int max;

    private record Outcome(SyncKey key, SyncStatus status, String event) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (max < 1 || max > 10_000) {
                throw new CommandRuntime.Refused("--max must be from 1 to 10000, not " + max);
            }
            try (CommandRuntime runtime = CommandRuntime.open(main)) {
                return run(runtime, out);
            }
        } catch (CommandRuntime.Refused e) {
            err.println("zoho-sync drain: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int run(CommandRuntime runtime, PrintWriter out) throws CommandRuntime.Refused {
        if (!runtime.config.syncEnabled()) {
            throw new CommandRuntime.Refused(
                    "sync is disabled here (ZSYNC_ENABLE_SYNC=false): Zoho would never be called");
        }
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        SyncWorker worker = runtime.worker(
                Math.min(max, runtime.config.batchSize()),
                (key, status, event) -> outcomes.add(new Outcome(key, status, event)));
        String workerId = CommandRuntime.workerId("drain");
        int ran = 0;
        String stopped = "nothing more was due";
        try {
            while (ran < max) {
                SyncWorker.Drained pass = await(worker.drainOnce(workerId, max - ran), PASS_WAIT);
                ran += pass.ran();
                if (pass.budgetOpensAt() != null) {
                    stopped = "the Zoho API budget has no room until "
                            + pass.budgetOpensAt().truncatedTo(ChronoUnit.SECONDS);
                    break;
                }
                if (!pass.full()) {
                    break;
                }
            }
        } catch (Exception e) {
            throw new CommandRuntime.Refused("the queue could not be run: " + BackfillCommand.reason(e));
        } finally {
            Blocking.quietly(worker.release(workerId));
        }
        for (Outcome o : outcomes) {
            out.printf(
                    "  %-36s %-9s %s%n", BackfillReport.key(o.key()), o.status().wire(), o.event());
        }
        long failed =
                outcomes.stream().filter(o -> o.status() == SyncStatus.FAILED).count();
        out.println("zoho-sync drain: ran " + ran + " of at most " + max + " jobs (" + failed + " failed); "
                + (ran >= max ? "the cap was reached" : stopped));
        out.flush();
        return failed > 0 ? 1 : 0;
    }
}
