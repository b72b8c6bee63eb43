package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import java.util.List;
import java.util.Optional;

/** Inbound port: what the admin and the platform see of the sync (design.md §11). */
public interface SyncStatusQuery {

    Future<SyncOverview> overview(int recentLimit);

    Future<Optional<SyncRecordView>> record(SyncKey key);

    /** Every target's record of one entity. */
    Future<List<SyncRecordView>> records(EntityRef entity);

    /** Zoho's state of the entity per target as last mirrored ({@code ZohoStates}); none by default. */
    default Future<java.util.Map<io.zohosync.domain.entity.SyncTarget, MirroredState>> mirrored(EntityRef entity) {
        return Future.succeededFuture(java.util.Map.of());
    }

    /** The sync log rows this query matches, a page of {@code query.limit()} newest first, with the next page's cursor. */
    Future<SyncLogPage> log(SyncLogQuery query);

    /** The sync records this query matches, a page most recently changed first, with the next page's cursor. */
    Future<SyncRecordPage> list(SyncRecordQuery query);
}
