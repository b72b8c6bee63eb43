package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Outbound port: reads sync records for the admin views. */
public interface SyncRecordsReader {

    Future<Map<EntityType, Map<SyncStatus, Long>>> countsByEntityAndStatus();

    /** Records per entity type, target and status. */
    Future<Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>>> countsByTarget();

    Future<List<SyncRecordView>> recentlyChanged(int limit);

    Future<Optional<SyncRecordView>> find(SyncKey key);

    /** Every target's record of one entity, in target order. */
    Future<List<SyncRecordView>> findAll(EntityRef entity);

    /** At most {@code query.limit()} sync log rows matching the query, newest (highest id) first. */
    Future<List<SyncLogEntry>> log(SyncLogQuery query);

    /**
     * At most {@code query.limit()} records matching the query, ordered by last change, newest first, then by type,
     * id and target, each descending (ids compared by their UTF-16 code units, as {@link String#compareTo}); with a
     * cursor, only the records after it in that order.
     */
    Future<List<SyncRecordView>> list(SyncRecordQuery query);
}
