package io.zohosync.ports.admin;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogPage;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncRecordPage;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import io.zohosync.ports.out.SyncRecordsReader;
import java.util.List;
import java.util.Optional;

/** Use case: the admin's view of the sync. */
public final class SyncStatusService implements SyncStatusQuery {

    private final SyncRecordsReader records;
    private final boolean syncEnabled;
    private final io.zohosync.ports.out.ZohoStates states;

    public SyncStatusService(SyncRecordsReader records, boolean syncEnabled) {
        this(records, syncEnabled, null);
    }

    /** With {@code states}, an entity's view shows Zoho's mirrored state per target. */
    public SyncStatusService(SyncRecordsReader records, boolean syncEnabled, io.zohosync.ports.out.ZohoStates states) {
        this.records = records;
        this.syncEnabled = syncEnabled;
        this.states = states;
    }

    @Override
    public Future<SyncOverview> overview(int recentLimit) {
        // a caller that asks for no recent records (a poller watching the counts) costs the database no query for them
        return records.countsByTarget()
                .compose(counts -> (recentLimit > 0
                                ? records.recentlyChanged(recentLimit)
                                : Future.succeededFuture(List.<SyncRecordView>of()))
                        .map(recent -> new SyncOverview(syncEnabled, counts, recent)));
    }

    @Override
    public Future<Optional<SyncRecordView>> record(SyncKey key) {
        return records.find(key);
    }

    @Override
    public Future<java.util.Map<io.zohosync.domain.entity.SyncTarget, io.zohosync.ports.in.MirroredState>> mirrored(
            EntityRef entity) {
        if (states == null) {
            return Future.succeededFuture(java.util.Map.of());
        }
        return states.statesOf(entity).map(all -> {
            java.util.Map<io.zohosync.domain.entity.SyncTarget, io.zohosync.ports.in.MirroredState> shown =
                    new java.util.EnumMap<>(io.zohosync.domain.entity.SyncTarget.class);
            all.forEach((target, state) -> shown.put(
                    target,
                    new io.zohosync.ports.in.MirroredState(
                            state.status(), state.details(), state.zohoTime(), state.source())));
            return shown;
        });
    }

    @Override
    public Future<List<SyncRecordView>> records(EntityRef entity) {
        return records.findAll(entity);
    }

    /** One row more than the page is read: its presence is what says an older page exists. */
    @Override
    public Future<SyncLogPage> log(SyncLogQuery query) {
        return records.log(query.withLimit(query.limit() + 1)).map(rows -> {
            if (rows.size() <= query.limit()) {
                return new SyncLogPage(rows, null);
            }
            List<SyncLogEntry> page = rows.subList(0, query.limit());
            return new SyncLogPage(page, page.get(page.size() - 1).id());
        });
    }

    /** As {@link #log}: one record more than the page says whether another page follows. */
    @Override
    public Future<SyncRecordPage> list(SyncRecordQuery query) {
        return records.list(query.withLimit(query.limit() + 1)).map(rows -> {
            if (rows.size() <= query.limit()) {
                return new SyncRecordPage(rows, null);
            }
            List<SyncRecordView> page = rows.subList(0, query.limit());
            return new SyncRecordPage(page, SyncRecordQuery.Position.of(page.get(page.size() - 1)));
        });
    }
}
