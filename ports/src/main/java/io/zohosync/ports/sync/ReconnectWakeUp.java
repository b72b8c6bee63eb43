package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.sync.DeferCause;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.out.SyncRecords;
import java.time.Clock;
import java.time.Instant;

/** Use case: once an admin reconnects Zoho, the syncs deferred for the connection are due at once, not at their old wait. */
public final class ReconnectWakeUp {

    private final SyncRecords records;
    private final SyncStateMachine machine;
    private final Clock clock;

    public ReconnectWakeUp(SyncRecords records, SyncStateMachine machine, Clock clock) {
        this.records = records;
        this.machine = machine;
        this.clock = clock;
    }

    /** How many deferred syncs were woken. */
    public Future<Integer> wake() {
        Instant now = clock.instant();
        return records.changeDeferred(
                        DeferCause.RECONNECT,
                        "reconnected",
                        state -> machine.apply(state, new SyncEvent.Reconnected(), now),
                        now)
                .map(changed -> (int) changed.stream()
                        .filter(c -> c.transition().nextState().isPresent())
                        .count());
    }
}
