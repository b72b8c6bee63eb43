package io.zohosync.ports.sync;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.out.SyncRecords;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: the records that wait for a prerequisite follow it. A prerequisite in Zoho (it has a Zoho id,
 * however its latest update went) wakes them; one that failed or was skipped without ever reaching Zoho fails
 * them with its reason. A record that has just started waiting is woken at once if its prerequisites reached
 * Zoho in the meantime. Every change is the state machine's; a wake-up that cannot be stored now is left to
 * the waiting record's own recheck.
 */
public final class Dependants {

    private static final Logger LOG = LoggerFactory.getLogger(Dependants.class);

    private final SyncRecords records;
    private final SyncStateMachine machine;
    private final SyncObserver observer;

    public Dependants(SyncRecords records, SyncStateMachine machine, SyncObserver observer) {
        this.records = records;
        this.machine = machine;
        this.observer = observer;
    }

    /** {@code key}'s record now stands at {@code status} with {@code zohoId}: wake or fail what waits on it. */
    public Future<Void> follow(SyncKey key, SyncStatus status, String zohoId, String lastError, Instant now) {
        SyncEvent event;
        if (zohoId != null) {
            event = new SyncEvent.PrerequisiteReady(key.entity());
        } else if (status == SyncStatus.FAILED || status == SyncStatus.SKIPPED) {
            event = new SyncEvent.PrerequisiteFailed(key.entity(), status.wire() + ": " + lastError);
        } else {
            return Future.succeededFuture();
        }
        String logEvent = event instanceof SyncEvent.PrerequisiteReady ? "prerequisite_ready" : "prerequisite_failed";
        return records.changeWaitingOn(key, logEvent, waiting -> machine.apply(waiting, event, now), now)
                .onSuccess(changed -> changed.forEach(c ->
                        c.transition().nextState().ifPresent(s -> observer.recorded(c.key(), s.status(), logEvent))))
                .<Void>mapEmpty()
                .recover(error -> {
                    LOG.warn(
                            "could not update the records waiting on {}; they look again at their recheck: {}",
                            key,
                            error.toString());
                    return Future.succeededFuture();
                });
    }

    /** {@code key} has just started waiting on {@code prerequisites}: if they all reached Zoho meanwhile, it is due now. */
    public Future<Void> recheck(SyncKey key, List<SyncKey> prerequisites, Instant now) {
        if (prerequisites.isEmpty()) {
            return Future.succeededFuture();
        }
        return records.states(prerequisites)
                .compose(states -> {
                    boolean allInZoho = prerequisites.stream()
                            .allMatch(
                                    p -> states.containsKey(p) && states.get(p).zohoId() != null);
                    if (!allInZoho) {
                        return Future.succeededFuture();
                    }
                    SyncEvent ready =
                            new SyncEvent.PrerequisiteReady(prerequisites.get(0).entity());
                    return records.change(key, "prerequisite_ready", state -> machine.apply(state, ready, now), now)
                            .<Void>mapEmpty();
                })
                .recover(error -> {
                    LOG.warn(
                            "could not look again at the prerequisites of {}; it does at its recheck: {}",
                            key,
                            error.toString());
                    return Future.succeededFuture();
                });
    }
}
