package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetAccount;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync status}: the records counted by status per entity type and target, the oldest due one's age and the
 * Zoho API budget used in the last 24 hours — the counts the admin API's {@code GET /admin/api/sync/status} gives, per
 * target too. It only reads.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the sync records counted by status per entity type and target, how long the oldest due one has"
                    + " waited, and the Zoho API budget used in the last 24 hours. Reads only.",
            "Exit 0, 2 cannot run."
        })
final class StatusCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default text)")
    private Format format;

    record Snapshot(
            SyncOverview overview,
            SyncHealthReader.Activity activity,
            Map<BudgetAccount.Meter, Long> used,
            Map<BudgetAccount.Meter, Integer> caps,
            Instant now) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CommandRuntime runtime = CommandRuntime.open(main)) {
            Snapshot snapshot = snapshot(runtime);
            out.println(format == Format.json ? json(snapshot).encodePrettily() : text(snapshot));
            out.flush();
            return 0;
        } catch (CommandRuntime.Refused e) {
            err.println("zoho-sync status: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private static Snapshot snapshot(CommandRuntime runtime) throws CommandRuntime.Refused {
        Instant now = runtime.clock.instant();
        Map<BudgetAccount.Meter, Integer> caps = Alerting.perDay(runtime.config);
        try {
            return new Snapshot(
                    await(runtime.status().overview(0)),
                    await(runtime.pg.health().activity(now)),
                    BackfillCommand.usedToday(runtime),
                    caps,
                    now);
        } catch (CommandRuntime.Refused e) {
            throw e;
        } catch (Exception e) {
            throw new CommandRuntime.Refused("the records could not be read: " + BackfillCommand.reason(e));
        }
    }

    static String text(Snapshot s) {
        StringBuilder b = new StringBuilder(
                "zoho-sync status (ZSYNC_ENABLE_SYNC here: " + s.overview().syncEnabled() + ")");
        b.append(String.format(Locale.ROOT, "%n  %-12s %-9s", "entity", "target"));
        for (SyncStatus status : SyncStatus.values()) {
            b.append(String.format(Locale.ROOT, " %8s", status.wire()));
        }
        Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>> rows =
                s.overview().countsByTarget();
        if (rows.isEmpty()) {
            b.append(String.format("%n  (no records yet)"));
        }
        rows.forEach((type, targets) -> targets.forEach((target, byStatus) -> {
            b.append(String.format(Locale.ROOT, "%n  %-12s %-9s", type.wire(), target.wire()));
            for (SyncStatus status : SyncStatus.values()) {
                b.append(String.format(Locale.ROOT, " %8d", byStatus.getOrDefault(status, 0L)));
            }
        }));
        SyncHealthReader.Activity a = s.activity();
        b.append(String.format(
                "%n  due now: %d%s",
                a.due(),
                a.oldestDueSince() == null
                        ? ""
                        : ", the oldest due since " + a.oldestDueSince().truncatedTo(ChronoUnit.SECONDS) + " ("
                                + BackfillReport.human(Duration.between(a.oldestDueSince(), s.now())) + ")"));
        b.append(String.format(
                "%n  last synced: %s",
                a.lastSynced() == null ? "never" : a.lastSynced().truncatedTo(ChronoUnit.SECONDS)));
        s.caps()
                .forEach((meter, cap) -> b.append(String.format(
                        Locale.ROOT,
                        "%n  zoho budget %-20s %d of %d calls in the last 24 h",
                        meter.name().toLowerCase(Locale.ROOT),
                        s.used().getOrDefault(meter, 0L),
                        cap)));
        return b.toString();
    }

    static JsonObject json(Snapshot s) {
        JsonObject counts = new JsonObject();
        s.overview().counts().forEach((EntityType type, Map<SyncStatus, Long> byStatus) -> {
            JsonObject row = new JsonObject();
            byStatus.forEach((status, n) -> row.put(status.wire(), n));
            counts.put(type.wire(), row);
        });
        JsonObject byTarget = new JsonObject();
        s.overview().countsByTarget().forEach((type, targets) -> {
            JsonObject perTarget = new JsonObject();
            targets.forEach((target, byStatus) -> {
                JsonObject row = new JsonObject();
                byStatus.forEach((status, n) -> row.put(status.wire(), n));
                perTarget.put(target.wire(), row);
            });
            byTarget.put(type.wire(), perTarget);
        });
        SyncHealthReader.Activity a = s.activity();
        JsonArray budget = new JsonArray();
        s.caps()
                .forEach((meter, cap) -> budget.add(new JsonObject()
                        .put("meter", meter.name().toLowerCase(Locale.ROOT))
                        .put("calls_last_24h", s.used().getOrDefault(meter, 0L))
                        .put("daily_cap", cap)));
        return new JsonObject()
                .put("sync_enabled", s.overview().syncEnabled())
                .put("counts", counts)
                .put("counts_by_target", byTarget)
                .put("due", a.due())
                .put(
                        "oldest_due_since",
                        a.oldestDueSince() == null ? null : a.oldestDueSince().toString())
                .put(
                        "oldest_due_seconds",
                        a.oldestDueSince() == null
                                ? null
                                : Duration.between(a.oldestDueSince(), s.now()).toSeconds())
                .put(
                        "last_synced",
                        a.lastSynced() == null ? null : a.lastSynced().toString())
                .put("budget", budget);
    }
}
