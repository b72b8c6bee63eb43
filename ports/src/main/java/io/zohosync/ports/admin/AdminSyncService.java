package io.zohosync.ports.admin;

import io.vertx.core.Future;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.Dependants;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Use case: admin actions on a record, decided by the domain's state machine and stored in one transaction.
 * A hand link is checked first: the Zoho record must exist (one read through the record's handler). Every change is
 * written to the audit of admin actions with its actor.
 */
public final class AdminSyncService implements AdminSyncUseCase {

    private final SyncRecords records;
    private final Dependants dependants;
    private final Handlers handlers;
    private final SyncStateMachine machine;
    private final AdminAudit audit;
    private final Clock clock;

    public AdminSyncService(
            SyncRecords records,
            Dependants dependants,
            Handlers handlers,
            SyncStateMachine machine,
            AdminAudit audit,
            Clock clock) {
        this.records = records;
        this.audit = audit;
        this.dependants = dependants;
        this.handlers = handlers;
        this.machine = machine;
        this.clock = clock;
    }

    @Override
    public Future<Result> apply(Command command) {
        SyncEvent event = switch (command.action()) {
            case RETRY -> new SyncEvent.AdminRetry();
            case RESET -> new SyncEvent.AdminReset();
            case LINK -> new SyncEvent.AdminLink(command.zohoId());
            case UNLINK -> new SyncEvent.AdminUnlink();
        };
        Future<Optional<Result>> check =
                command.action() == Action.LINK ? checkLink(command) : Future.succeededFuture(Optional.empty());
        return check.compose(
                refused -> refused.isPresent() ? Future.succeededFuture(refused.get()) : change(command, event));
    }

    private Future<Result> change(Command command, SyncEvent event) {
        var now = clock.instant();
        AtomicReference<SyncState> before = new AtomicReference<>();
        return records.change(
                        command.key(),
                        "admin_" + command.action().name().toLowerCase(Locale.ROOT),
                        state -> {
                            before.set(state);
                            return machine.apply(state, event, now);
                        },
                        now)
                .compose(changed -> {
                    if (changed.isEmpty()) {
                        return Future.succeededFuture(new Result.NotFound());
                    }
                    if (changed.get().transition() instanceof Transition.Rejected rejected) {
                        return Future.succeededFuture(new Result.Refused(rejected.reason()));
                    }
                    SyncRecordView record = changed.get().record();
                    // a record linked by hand may be what others wait for
                    return dependants
                            .follow(record.key(), record.status(), record.zohoId(), record.lastError(), now)
                            .compose(x -> audit.record(entry(command, before.get(), record, now)))
                            .map(new Result.Changed(record));
                });
    }

    private static AdminActionEntry entry(Command command, SyncState before, SyncRecordView after, Instant now) {
        String action = command.action().name().toLowerCase(Locale.ROOT);
        String was = before.zohoId() == null ? "" : " (was " + before.zohoId() + ")";
        String detail = switch (command.action()) {
            case LINK -> "linked to Zoho " + command.zohoId() + was;
            case UNLINK -> "unlinked from Zoho" + was;
            case RETRY, RESET -> action;
        };
        return new AdminActionEntry(
                command.actor(),
                action,
                command.key().entity(),
                command.key().target(),
                now,
                detail + ": " + before.status().wire() + " → " + after.status().wire());
    }

    /** Empty when Zoho has the record; otherwise why the link is refused. */
    private Future<Optional<Result>> checkLink(Command command) {
        Optional<SyncHandler<?>> handler = handlers.of(command.key());
        if (handler.isEmpty()) {
            return Future.succeededFuture(Optional.of(
                    new Result.Refused("no flow syncs " + command.key().type().wire() + " to "
                            + command.key().target().wire() + ": nothing to link")));
        }
        return handler.get().read(command.zohoId()).map(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<String>) {
                return Optional.empty();
            }
            if (outcome instanceof ZohoOutcome.NotFound<String>) {
                return Optional.of(new Result.LinkRefused(
                        "Zoho " + command.key().target().wire() + " has no record " + command.zohoId()));
            }
            return Optional.of(new Result.ZohoUnavailable("Zoho could not be asked about record " + command.zohoId()
                    + " now; nothing changed, try again in a moment"));
        });
    }
}
