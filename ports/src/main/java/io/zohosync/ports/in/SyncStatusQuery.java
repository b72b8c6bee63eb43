package io.zohosync.ports.in;

import io.vertx.core.Future;
import java.util.Optional;

/** Inbound port: what the admin sees of the sync (design.md §11). */
public interface SyncStatusQuery {

    Future<SyncOverview> overview(int recentLimit);

    Future<Optional<SyncRecordView>> record(String entityType, String entityId);
}
