package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.admin.SyncStatusService;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.SyncRecordPage;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync retry-failed}: every failed record (of the given types) back to pending through the state machine's
 * admin retry, as the admin API's retry does it; the running service (or {@code drain}, {@code backfill}) syncs them.
 */
@Command(
        name = "retry-failed",
        mixinStandardHelpOptions = true,
        description = {
            "Puts every failed record (of the given entity types) back to pending with a fresh attempt budget, as an"
                    + " admin's retry does; the service's worker then syncs them.",
            "Exit 0 done, 1 some could not be retried, 2 cannot run."
        })
final class RetryFailedCommand implements Callable<Integer> {

    /** Who the admin history names for these retries: the command and the account that ran it. */
    private static final String ACTOR = "cli:retry-failed (" + System.getProperty("user.name", "unknown") + ")";

    /** More records than this get a progress bar. */
    private static final int BAR_FROM = 50;

    private static final int PAGE = 500;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--entity",
            split = ",",
            paramLabel = "TYPE",
            description = "entity types whose failed records to retry, comma-separated (default: all)")
    private List<String> entities;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Set<EntityType> types = Selection.types(entities);
            try (CommandRuntime runtime = CommandRuntime.open(main)) {
                return run(runtime, types, out, err);
            }
        } catch (CommandRuntime.Refused e) {
            err.println("zoho-sync retry-failed: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int run(CommandRuntime runtime, Set<EntityType> types, PrintWriter out, PrintWriter err)
            throws CommandRuntime.Refused {
        List<SyncKey> failed = failed(runtime.status(), types);
        AdminSyncUseCase admin = runtime.admin((key, status, event) -> {});
        int retried = 0;
        List<String> refused = new ArrayList<>();
        Progress progress = failed.size() > BAR_FROM ? new Progress("retry-failed", failed.size(), err) : null;
        try {
            for (SyncKey key : failed) {
                AdminSyncUseCase.Result result;
                try {
                    result = await(admin.apply(new AdminSyncUseCase.Command(key, Action.RETRY, null, ACTOR)));
                } catch (Exception e) {
                    throw new CommandRuntime.Refused(
                            "stopped after " + retried + " retried: " + BackfillCommand.reason(e));
                }
                if (result instanceof AdminSyncUseCase.Result.Changed) {
                    retried++;
                } else if (result instanceof AdminSyncUseCase.Result.Refused r) {
                    refused.add(BackfillReport.key(key) + ": " + r.reason());
                } else {
                    refused.add(BackfillReport.key(key) + ": " + result);
                }
                if (progress != null) {
                    progress.stepTo(retried + refused.size());
                }
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        refused.forEach(line -> out.println("  not retried: " + line));
        out.println("zoho-sync retry-failed: " + retried + " of " + failed.size() + " failed records back to pending"
                + (refused.isEmpty() ? "" : "; " + refused.size() + " not"));
        out.flush();
        return refused.isEmpty() ? 0 : 1;
    }

    /** Every failed record of the types (all when none named), read page by page before any is changed. */
    private static List<SyncKey> failed(SyncStatusService status, Set<EntityType> types) throws CommandRuntime.Refused {
        List<SyncKey> keys = new ArrayList<>();
        List<EntityType> each = types.isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(types);
        try {
            for (EntityType type : each) {
                SyncRecordQuery query = new SyncRecordQuery(type, null, SyncStatus.FAILED, null, PAGE);
                while (query != null) {
                    SyncRecordPage page = await(status.list(query));
                    page.records().stream().map(SyncRecordView::key).forEach(keys::add);
                    query = page.next() == null ? null : query.withAfter(page.next());
                }
            }
        } catch (Exception e) {
            throw new CommandRuntime.Refused("the failed records could not be read: " + BackfillCommand.reason(e));
        }
        return keys;
    }
}
