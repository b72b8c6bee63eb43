package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogPage;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncRecordPage;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the status query: serves the records the test put in, or fails when told to. */
final class StubSyncStatus implements SyncStatusQuery {

    static final Instant UPDATED = Instant.parse("2025-01-02T03:04:05Z");

    final List<SyncRecordView> held = new CopyOnWriteArrayList<>();
    final List<Object> asked = new CopyOnWriteArrayList<>();
    volatile SyncOverview overview = new SyncOverview(true, Map.of(), List.of());
    volatile Throwable failure;

    @Override
    public Future<SyncOverview> overview(int recentLimit) {
        asked.add(recentLimit);
        return failure != null ? Future.failedFuture(failure) : Future.succeededFuture(overview);
    }

    @Override
    public Future<Optional<SyncRecordView>> record(SyncKey key) {
        asked.add(key);
        return failure != null
                ? Future.failedFuture(failure)
                : Future.succeededFuture(
                        held.stream().filter(r -> r.key().equals(key)).findFirst());
    }

    @Override
    public Future<List<SyncRecordView>> records(EntityRef entity) {
        asked.add(entity);
        return failure != null
                ? Future.failedFuture(failure)
                : Future.succeededFuture(new ArrayList<>(held.stream()
                        .filter(r -> r.key().entity().equals(entity))
                        .toList()));
    }

    /** The log rows the test put in, newest last; a query is answered by the store's semantics in the service. */
    final List<SyncLogEntry> logged = new CopyOnWriteArrayList<>();

    @Override
    public Future<SyncLogPage> log(SyncLogQuery query) {
        asked.add(query);
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        List<SyncLogEntry> newest = new ArrayList<>(logged.stream()
                .filter(e -> query.before() == null || e.id() < query.before())
                .toList());
        java.util.Collections.reverse(newest);
        List<SyncLogEntry> page = newest.stream().limit(query.limit()).toList();
        return Future.succeededFuture(new SyncLogPage(
                page, newest.size() > query.limit() ? page.get(page.size() - 1).id() : null));
    }

    /** The held records in the order they were put in, a page after the cursor's record. */
    @Override
    public Future<SyncRecordPage> list(SyncRecordQuery query) {
        asked.add(query);
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        List<SyncRecordView> after = new ArrayList<>(held);
        if (query.after() != null) {
            after = after.subList(
                    after.stream()
                                    .map(r -> r.key())
                                    .toList()
                                    .indexOf(query.after().key())
                            + 1,
                    after.size());
        }
        List<SyncRecordView> page = after.stream().limit(query.limit()).toList();
        return Future.succeededFuture(new SyncRecordPage(
                page, after.size() > query.limit() ? SyncRecordQuery.Position.of(page.get(page.size() - 1)) : null));
    }

    static SyncRecordView view(SyncKey key, SyncStatus status) {
        return new SyncRecordView(key, status, null, 0, null, null, null, UPDATED);
    }
}
