package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.DeferCause;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.SyncRecordView;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Outbound port: sync records changed outside a worker's run, each in one transaction: the record is locked,
 * {@code decide} (the domain's state machine) turns its state into a transition, and a move is stored with
 * its log row and job — a queued state gets a job whose fresh lease sequence fences out any worker still
 * running an old one; a settled state drops the job.
 */
public interface SyncRecords {

    /** Empty when there is no such record; otherwise the transition decided and the record as it now stands. */
    Future<Optional<Changed>> change(SyncKey key, String event, Function<SyncState, Transition> decide, Instant now);

    /** Offers every record waiting on {@code prerequisite} to {@code decide}. */
    Future<List<Changed>> changeWaitingOn(
            SyncKey prerequisite, String event, Function<SyncState, Transition> decide, Instant now);

    /** Offers every pending record deferred for {@code cause} to {@code decide}. */
    Future<List<Changed>> changeDeferred(
            DeferCause cause, String event, Function<SyncState, Transition> decide, Instant now);

    /** Creates a pending record (and its job) for {@code key} unless one exists; the state it now has. */
    Future<SyncState> ensureQueued(SyncKey key, String why, Instant now);

    /** The states of those of {@code keys} that have a record. */
    Future<Map<SyncKey, SyncState>> states(Collection<SyncKey> keys);

    /** How many records of {@code key}'s type and target are linked to {@code zohoId} (a shared Zoho record counts more than one). */
    Future<Integer> linkedTo(SyncKey key, String zohoId);

    record Changed(SyncKey key, Transition transition, SyncRecordView record) {}
}
