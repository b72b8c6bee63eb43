package io.zohosync.ports.service;

import io.vertx.core.Future;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import io.zohosync.ports.out.SyncRecordsReader;
import java.util.Optional;

/** Use case: the admin's view of the sync. */
public final class SyncStatusService implements SyncStatusQuery {

    private final SyncRecordsReader records;
    private final boolean syncEnabled;

    public SyncStatusService(SyncRecordsReader records, boolean syncEnabled) {
        this.records = records;
        this.syncEnabled = syncEnabled;
    }

    @Override
    public Future<SyncOverview> overview(int recentLimit) {
        return records.countsByEntityAndStatus().compose(counts -> records.recentlyChanged(recentLimit)
                .map(recent -> new SyncOverview(syncEnabled, counts, recent)));
    }

    @Override
    public Future<Optional<SyncRecordView>> record(String entityType, String entityId) {
        return records.find(entityType, entityId);
    }
}
