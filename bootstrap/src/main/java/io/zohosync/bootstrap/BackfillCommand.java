package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;

import io.zohosync.adapters.postgres.zoho.PgApiUsage;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.backfill.BackfillService;
import io.zohosync.ports.backfill.BackfillService.Plan;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.zoho.BudgetAccount;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudgetOutlook;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync backfill}: enqueues everything the platform sent that is not in Zoho yet, prerequisites' types
 * first, and drains it with the service's own worker until each record is synced, failed or waiting; Ctrl-C leaves
 * the rest queued for a rerun, which writes nothing twice. {@code --dry-run} writes nothing and prints the cost.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Enqueues every platform entity not in Zoho yet (no record at a target it is routed to, or one still"
                    + " pending, retrying or waiting), prerequisites first, and syncs them with the service's worker,"
                    + " showing progress and an ETA from the Zoho API budget. Safe beside a running service; Ctrl-C"
                    + " leaves the rest queued and a rerun continues.",
            "Exit 0 done, 1 some failed (or wait for a prerequisite), 2 cannot run, 130 interrupted."
        })
final class BackfillCommand implements Callable<Integer> {

    /** Reading a large backlog or creating its records takes longer than one query. */
    static final Duration LONG = Duration.ofMinutes(10);

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--entity",
            split = ",",
            paramLabel = "TYPE",
            description = "entity types to backfill, comma-separated (customer, item, invoice, …; default: all)")
    private List<String> entities;

    @Option(
            names = "--since",
            paramLabel = "DATE|INSTANT",
            description = "only entities received from then on: 2026-11-01 (UTC) or 2026-11-01T08:00:00Z")
    private String since;

    @Option(
            names = "--dry-run",
            description = "write nothing; print per entity type and target what would be written and what it costs")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Set<EntityType> types = Selection.types(entities);
            Instant from = Selection.since(since);
            try (CommandRuntime runtime = CommandRuntime.open(main)) {
                return run(runtime, types, from, out, err);
            }
        } catch (CommandRuntime.Refused e) {
            err.println("zoho-sync backfill: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int run(CommandRuntime runtime, Set<EntityType> types, Instant from, PrintWriter out, PrintWriter err)
            throws CommandRuntime.Refused {
        Routing routing = runtime.routing();
        Set<EntityType> unrouted =
                types.stream().filter(t -> routing.of(t).isEmpty()).collect(Collectors.toSet());
        if (!unrouted.isEmpty()) {
            throw new CommandRuntime.Refused("--entity: no flow syncs "
                    + unrouted.stream().map(EntityType::wire).sorted().collect(Collectors.joining(", "))
                    + " (synced: "
                    + BackfillService.dependencyOrder(routing.types()).stream()
                            .map(EntityType::wire)
                            .collect(Collectors.joining(", "))
                    + ")");
        }
        if (!dryRun && !runtime.config.syncEnabled()) {
            throw new CommandRuntime.Refused(
                    "sync is disabled here (ZSYNC_ENABLE_SYNC=false): Zoho would never be"
                            + " called; run the backfill with ZSYNC_ENABLE_SYNC=true (the service may keep it off), or --dry-run");
        }
        BackfillService service = new BackfillService(
                runtime.pg.backlog(), runtime.pg.intake(), routing, runtime.runner(), runtime.clock);
        ZohoBudgetOutlook outlook = runtime.zoho().budgetOutlook();
        Plan plan;
        try {
            plan = await(service.plan(new BackfillService.Selection(types, from)), LONG);
        } catch (Exception e) {
            throw new CommandRuntime.Refused("the backlog could not be read: " + reason(e));
        }
        if (dryRun) {
            out.print(dryRun(plan, outlook, runtime));
            out.flush();
            return 0;
        }
        int created;
        try {
            created = await(service.enqueue(plan), LONG);
        } catch (Exception e) {
            throw new CommandRuntime.Refused("the backlog could not be queued: " + reason(e));
        }
        out.println("zoho-sync backfill: " + plan.keys().size() + (plan.keys().size() == 1 ? " record" : " records")
                + " to bring to Zoho (" + created
                + " queued now, " + (plan.keys().size() - created) + " queued before), about " + plan.calls()
                + " Zoho calls");
        out.flush();
        if (plan.keys().isEmpty()) {
            out.println("nothing to do: everything the platform sent is in Zoho (or failed: see retry-failed)");
            out.flush();
            return 0;
        }
        Backfill backfill = new Backfill(runtime, plan, outlook);
        try {
            Backfill.Result result = backfill.run(err);
            out.println(result.summary());
            out.flush();
            return result.exitCode();
        } catch (IllegalStateException e) {
            throw new CommandRuntime.Refused(e.getMessage());
        } finally {
            backfill.told();
        }
    }

    private static String dryRun(Plan plan, ZohoBudgetOutlook outlook, CommandRuntime runtime)
            throws CommandRuntime.Refused {
        Instant now = runtime.clock.instant();
        java.util.Map<ZohoProduct, ZohoApiLimits> limits = new java.util.EnumMap<>(ZohoProduct.class);
        java.util.Map<ZohoProduct, Instant> finish = new java.util.EnumMap<>(ZohoProduct.class);
        for (BackfillService.Line line : plan.lines()) {
            ZohoProduct product = ZohoProduct.of(line.target());
            outlook.limits(product).ifPresent(l -> limits.put(product, l));
        }
        for (ZohoProduct product : limits.keySet()) {
            long calls = plan.lines().stream()
                    .filter(l -> ZohoProduct.of(l.target()) == product)
                    .mapToLong(BackfillService.Line::calls)
                    .sum();
            try {
                finish.put(product, await(outlook.finishTime(product, calls, now)));
            } catch (Exception e) {
                throw new CommandRuntime.Refused("the API budget could not be read: " + reason(e));
            }
        }
        return BackfillReport.dryRun(plan, limits, finish, usedToday(runtime), now);
    }

    /** The calls each meter counted in the last 24 hours, as the budget counts them. */
    static java.util.Map<BudgetAccount.Meter, Long> usedToday(CommandRuntime runtime) throws CommandRuntime.Refused {
        try {
            return await(new PgApiUsage(runtime.pg.pool())
                    .callsSince(runtime.clock.instant().minus(Duration.ofDays(1))));
        } catch (Exception e) {
            throw new CommandRuntime.Refused("the API budget's counts could not be read: " + reason(e));
        }
    }

    static String reason(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    /** Counts of the selected records by where they stand. */
    record Tally(long done, long synced, long failed, long skipped, long waiting, long active) {
        static Tally of(List<SyncKey> keys, java.util.Map<SyncKey, SyncState> states) {
            long synced = 0, failed = 0, skipped = 0, waiting = 0, active = 0;
            for (SyncKey key : keys) {
                SyncState state = states.get(key);
                SyncStatus status = state == null ? SyncStatus.PENDING : state.status();
                switch (status) {
                    case SYNCED, MANUAL -> synced++;
                    case FAILED -> failed++;
                    case SKIPPED -> skipped++;
                    case WAITING -> waiting++;
                    case PENDING, RETRYING, SYNCING -> active++;
                }
            }
            return new Tally(synced + failed + skipped, synced, failed, skipped, waiting, active);
        }
    }

    /** The product a record's calls go to. */
    static ZohoProduct product(SyncKey key) {
        return ZohoProduct.of(key.target());
    }
}
