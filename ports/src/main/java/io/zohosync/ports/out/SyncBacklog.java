package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;
import java.util.List;

/** Outbound port: what the platform sent that Zoho does not hold yet (a backfill's set). Reads only. */
public interface SyncBacklog {

    /**
     * The entities of {@code type} received at or after {@code since} (null: any time) with no Zoho id at {@code target}:
     * no record there, or one still queued (pending, retrying, waiting) and not linked; oldest received first.
     */
    Future<List<Candidate>> candidates(EntityType type, SyncTarget target, Instant since);

    /** An entity a backfill brings to {@code target}; {@code status} is its record's there, null when it has none. */
    record Candidate(StoredEntity entity, SyncStatus status) {}
}
