package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound port: what reconciliation reads of the platform's records, and its reports and their drifts, stored and
 * listed (issue 12, item 11).
 */
public interface ReconcileStore extends ReconcileHistory {

    /** A record to compare: its state and the platform's entity as last received ({@code payload}, its wire form). */
    record Candidate(SyncKey key, SyncStatus status, Origin origin, String zohoId, Map<String, Object> payload) {}

    /** Records of {@code type} towards {@code target} in entity id order after {@code afterId} (null: from the first). */
    Future<List<Candidate>> candidates(EntityType type, SyncTarget target, String afterId, int limit);

    /** A new report, running; its id. */
    Future<Long> open(List<EntityType> scope, Instant startedAt);

    Future<Void> addDrifts(long reportId, List<Found> drifts);

    /** A drift found for a record. */
    record Found(SyncKey key, Drift drift) {}

    /** The report has ended: its counts and status (a note when incomplete). */
    Future<Void> close(
            long reportId, ReconcileReport.Status status, long checked, long zohoCalls, String note, Instant at);

    Future<List<ReconcileReport>> reports(Long before, int limit);

    Future<Optional<ReconcileReport>> report(long id);

    Future<List<ReconcileDrift>> drifts(long reportId, Long after, int limit);

    /** The report's drifts with the given ids (all of them, repaired or not, when {@code ids} is empty). */
    Future<List<ReconcileDrift>> drifts(long reportId, List<Long> ids);

    /**
     * Claims a drift not repaired yet for one repairer; false when it is repaired or another claimed it in the last 10
     * minutes (a claim older than that is taken over: its repairer died). {@link #repaired} ends the claim.
     */
    Future<Boolean> claim(long driftId, Instant at);

    /** What a repair did to a drift: {@code applied} sets its repair time; the claim ends either way. */
    Future<Void> repaired(long driftId, boolean applied, String outcome, Instant at);
}
