package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;

import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.http.common.ReconcileJson;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.in.ReconcileUseCase;
import io.zohosync.ports.reconcile.ReconcileService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync reconcile}: compares the platform's records with Books (configured by the same environment as the
 * service), stores the report beside the service's, prints it, and with {@code --repair} applies the safe repairs
 * through the state machine (the running service's worker then sends what was queued). Its Zoho reads use only what
 * the sync leaves of the shared API budget. Exit 0 nothing left to repair, 1 drift left, 2 cannot tell.
 */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = "Compares the platform's records with Zoho Books, within the API budget the sync leaves, and"
                + " reports each drift with a proposed repair; --repair applies the safe ones. Exit 0 nothing to"
                + " repair, 1 drift found (left), 2 cannot tell.")
final class ReconcileCommand implements Callable<Integer> {

    /** The whole reconciliation's wait: many pages, each maybe waiting for the sync to leave budget. */
    private static final Duration RUN_WAIT = Duration.ofHours(12);

    private static final int PAGE = 200;

    enum Format {
        text,
        json
    }

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--entity",
            split = ",",
            description =
                    "entity types to compare: customer, item, invoice, payment (default all; repeat or comma-separate)")
    private List<String> entities = new ArrayList<>();

    @Option(names = "--repair", description = "apply the safe repairs once the comparison has ended")
    private boolean repair;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default text)")
    private Format format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Set<EntityType> types = Selection.types(entities);
            try (CommandRuntime runtime = CommandRuntime.open(main)) {
                return reconcile(runtime, types);
            }
        } catch (CommandRuntime.Refused e) {
            return cannotTell(err, e.getMessage());
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cannotTell(err, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    private int reconcile(CommandRuntime runtime, Set<EntityType> types) throws Exception {
        ReconcileService service = Reconciling.service(
                runtime.vertx,
                runtime.config,
                runtime.pg,
                runtime.zoho(),
                runtime.handlers(),
                runtime.admin((key, status, event) -> {}),
                runtime.machine,
                runtime.clock);
        List<EntityType> unknown =
                types.stream().filter(t -> !service.types().contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--entity: not reconciled: "
                    + unknown.stream().map(EntityType::wire).toList() + "; reconciled: "
                    + service.types().stream().map(EntityType::wire).toList());
        }
        ReconcileReport report;
        try (Bar bar = new Bar()) {
            ReconcileUseCase.Started started =
                    await(service.start(new ReconcileUseCase.Request(types, repair), bar), Blocking.WAIT);
            report = await(started.done(), RUN_WAIT);
        }
        List<ReconcileDrift> drifts = new ArrayList<>();
        Long after = null;
        while (true) {
            List<ReconcileDrift> page = await(service.report(report.id(), after, PAGE))
                    .orElseThrow()
                    .drifts();
            drifts.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(format == Format.json ? json(report, drifts).encodePrettily() : text(report, drifts));
        out.flush();
        if (report.status() != ReconcileReport.Status.FINISHED) {
            return 2;
        }
        return report.left() == 0 ? 0 : 1;
    }

    private static int cannotTell(PrintWriter err, String why) {
        err.println("zoho-sync reconcile: " + why);
        err.flush();
        return 2;
    }

    static String text(ReconcileReport r, List<ReconcileDrift> drifts) {
        StringBuilder s = new StringBuilder("zoho-sync reconcile: ");
        if (r.status() != ReconcileReport.Status.FINISHED) {
            s.append("cannot tell (").append(r.note()).append(")");
        } else if (r.drifts() == 0) {
            s.append("no drift");
        } else {
            s.append(r.drifts())
                    .append(r.drifts() == 1 ? " drift" : " drifts")
                    .append(", ")
                    .append(r.safe())
                    .append(" safe to repair, ")
                    .append(r.repaired())
                    .append(" repaired, ")
                    .append(r.left())
                    .append(" left");
        }
        s.append(String.format(
                "%n  report %d: %s, %d %s checked (%s), %d Zoho %s",
                r.id(),
                r.status().wire(),
                r.checked(),
                r.checked() == 1 ? "record" : "records",
                String.join(", ", r.scope().stream().map(EntityType::wire).toList()),
                r.zohoCalls(),
                r.zohoCalls() == 1 ? "call" : "calls"));
        for (ReconcileDrift d : drifts) {
            s.append(String.format(
                    "%n  #%-5d %-8s %-16s %-16s %-6s %-6s %s",
                    d.id(),
                    d.key().type().wire(),
                    d.key().entityId(),
                    d.drift().kind().wire(),
                    d.drift().repair().wire(),
                    d.drift().safe() ? "safe" : "person",
                    d.drift().summary()));
            if (d.repairOutcome() != null) {
                s.append(String.format(
                        "%n         %s: %s", d.repairedAt() != null ? "repaired" : "not repaired", d.repairOutcome()));
            }
        }
        boolean safeLeft = drifts.stream().anyMatch(d -> d.drift().safe() && d.repairedAt() == null);
        if (safeLeft && r.status() == ReconcileReport.Status.FINISHED) {
            s.append(String.format(
                    "%n  repair the safe ones with --repair, or POST /admin/api/reconciliations/%d/repair", r.id()));
        }
        return s.toString();
    }

    static JsonObject json(ReconcileReport r, List<ReconcileDrift> drifts) {
        return new JsonObject().put("report", ReconcileJson.report(r)).put("drifts", ReconcileJson.drifts(drifts));
    }

    /** A progress bar on the terminal while records are compared (none when there is no terminal: a pipe, a test). */
    private static final class Bar implements ReconcileUseCase.Progress, AutoCloseable {
        private final ProgressBar bar = System.console() == null
                ? null
                : new ProgressBarBuilder()
                        .setTaskName("reconcile")
                        .setInitialMax(0)
                        .setUpdateIntervalMillis(250)
                        .continuousUpdate()
                        .build();

        @Override
        public void total(long records) {
            if (bar != null) {
                bar.maxHint(records);
            }
        }

        @Override
        public void checked(long records, String stage) {
            if (bar != null) {
                bar.stepTo(records);
                bar.setExtraMessage(stage);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
