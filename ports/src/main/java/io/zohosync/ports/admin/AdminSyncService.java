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
import io.zohosync.ports.out.Pause;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.Dependants;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Use case: admin actions on a record, decided by the domain's state machine and stored in one transaction.
 * A hand link is checked first: the Zoho record must exist (one read through the record's handler; should the API
 * budget or Zoho's limits have no room for it at once, it waits for them up to {@link #LINK_PATIENCE}). Every change
 * is written to the audit of admin actions with its actor.
 */
public final class AdminSyncService implements AdminSyncUseCase {

    /** How long a hand link's check waits for room in the API budget (a busy queue's moment) before it gives up. */
    private static final Duration LINK_PATIENCE = Duration.ofSeconds(5);
    /**
     * The shortest wait between two tries of the check, however soon the budget says it reopens (a full concurrency
     * limit says "now"): at most 20 tries of the budget in all.
     */
    private static final Duration LEAST_WAIT = Duration.ofMillis(250);

    private final SyncRecords records;
    private final Dependants dependants;
    private final Handlers handlers;
    private final SyncStateMachine machine;
    private final AdminAudit audit;
    private final Pause pause;
    private final Clock clock;

    public AdminSyncService(
            SyncRecords records,
            Dependants dependants,
            Handlers handlers,
            SyncStateMachine machine,
            AdminAudit audit,
            Pause pause,
            Clock clock) {
        this.records = records;
        this.pause = pause;
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
        return read(handler.get(), command.zohoId(), Duration.ZERO).map(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<String>) {
                return Optional.empty();
            }
            if (outcome instanceof ZohoOutcome.NotFound<String>) {
                return Optional.of(new Result.LinkRefused(
                        "Zoho " + command.key().target().wire() + " has no record " + command.zohoId()));
            }
            return Optional.of(new Result.ZohoUnavailable("Zoho could not be asked about record " + command.zohoId()
                    + " now (" + outcome.describe() + "); nothing changed, try again in a moment"));
        });
    }

    /**
     * The record read from Zoho; a read the budget or Zoho's limits put off is tried again when they reopen, while
     * the waits add up to no more than {@link #LINK_PATIENCE} (counted as planned, whatever the clock does).
     */
    private Future<ZohoOutcome<String>> read(SyncHandler<?> handler, String zohoId, Duration waited) {
        return handler.read(zohoId).compose(outcome -> {
            if (outcome instanceof ZohoOutcome.RateLimited<String> limited) {
                Duration wait = limited.retryAfter().compareTo(LEAST_WAIT) < 0 ? LEAST_WAIT : limited.retryAfter();
                if (waited.plus(wait).compareTo(LINK_PATIENCE) <= 0) {
                    return pause.until(clock.instant().plus(wait))
                            .compose(x -> read(handler, zohoId, waited.plus(wait)));
                }
            }
            return Future.succeededFuture(outcome);
        });
    }
}
