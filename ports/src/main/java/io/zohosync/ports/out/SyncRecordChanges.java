package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.SyncRecordView;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Outbound port: changes one sync record outside the worker, in one transaction: the record is
 * locked, {@code decide} (pure) turns its state into a transition, and a move is stored with its
 * log row and job — a new pending state gets a fresh job whose lease fences out any worker still
 * running the old one; a manual link drops the job.
 */
public interface SyncRecordChanges {

    /** Empty when no such record; otherwise the transition decided and the record as it now stands. */
    Future<Optional<Changed>> change(String entityType, String entityId, String event, Function<SyncState, Transition> decide,
            Instant now);

    record Changed(Transition transition, SyncRecordView record) {}
}
