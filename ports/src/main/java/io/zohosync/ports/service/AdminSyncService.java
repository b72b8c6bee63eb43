package io.zohosync.ports.service;

import io.vertx.core.Future;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.out.SyncRecordChanges;
import java.time.Clock;
import java.util.Locale;

/** Use case: admin actions on a record, decided by the domain's state machine and stored in one transaction. */
public final class AdminSyncService implements AdminSyncUseCase {

    private final SyncRecordChanges records;
    private final SyncStateMachine machine;
    private final Clock clock;

    public AdminSyncService(SyncRecordChanges records, SyncStateMachine machine, Clock clock) {
        this.records = records;
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
        var now = clock.instant();
        return records.change(command.entityType(), command.entityId(), "admin_" + command.action().name().toLowerCase(Locale.ROOT),
                        state -> machine.apply(state, event, now), now)
                .map(changed -> changed.<Result>map(c -> c.transition() instanceof Transition.Rejected rejected
                                ? new Result.Refused(rejected.reason())
                                : new Result.Changed(c.record()))
                        .orElseGet(Result.NotFound::new));
    }
}
