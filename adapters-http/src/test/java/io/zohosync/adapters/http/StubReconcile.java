package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.reconcile.DriftKind;
import io.zohosync.domain.reconcile.Repair;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.in.ReconcileUseCase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for reconciliation: records what was asked; report 7 exists (finished, one safe drift, id 70), report 8
 * is still running, any other is unknown.
 */
final class StubReconcile implements ReconcileUseCase {

    static final Instant AT = Instant.parse("2026-11-30T05:00:00Z");

    final List<Request> started = new CopyOnWriteArrayList<>();
    final List<List<Long>> repairs = new CopyOnWriteArrayList<>();

    static ReconcileReport report(long id, ReconcileReport.Status status) {
        return new ReconcileReport(
                id, AT, AT.plusSeconds(3), List.of(EntityType.CUSTOMER), status, 12, 1, 1, 1, 0, null);
    }

    static ReconcileDrift drift() {
        return new ReconcileDrift(
                70,
                7,
                new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS),
                new Drift(DriftKind.MISSING_IN_ZOHO, Repair.RESEND, true, "460000000026049", "gone", Map.of()),
                null,
                null);
    }

    @Override
    public List<EntityType> types() {
        return List.of(EntityType.CUSTOMER, EntityType.ITEM, EntityType.INVOICE, EntityType.PAYMENT);
    }

    @Override
    public Future<Started> start(Request request, Progress progress) {
        started.add(request);
        return Future.succeededFuture(
                new Started(7, Future.succeededFuture(report(7, ReconcileReport.Status.FINISHED))));
    }

    @Override
    public Future<List<ReconcileReport>> list(Long before, int limit) {
        return Future.succeededFuture(
                List.of(report(8, ReconcileReport.Status.RUNNING), report(7, ReconcileReport.Status.FINISHED))
                        .subList(0, Math.min(2, limit)));
    }

    @Override
    public Future<Optional<Detail>> report(long id, Long after, int limit) {
        return Future.succeededFuture(
                id == 7
                        ? Optional.of(new Detail(report(7, ReconcileReport.Status.FINISHED), List.of(drift())))
                        : Optional.empty());
    }

    @Override
    public Future<RepairResult> repair(long id, List<Long> driftIds, String actor) {
        repairs.add(driftIds);
        if (id == 8) {
            return Future.succeededFuture(new RepairResult.StillRunning());
        }
        if (id != 7) {
            return Future.succeededFuture(new RepairResult.NotFound());
        }
        if (driftIds.stream().anyMatch(d -> d != 70)) {
            return Future.succeededFuture(new RepairResult.UnknownDrifts(
                    driftIds.stream().filter(d -> d != 70).toList()));
        }
        return Future.succeededFuture(
                new RepairResult.Repaired(report(7, ReconcileReport.Status.FINISHED), List.of(drift())));
    }
}
