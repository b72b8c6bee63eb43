package io.zohosync.adapters.postgres.intake;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.SyncBacklog;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Postgres adapter for {@link SyncBacklog}: platform entities left-joined to their record at a target. */
public final class PgSyncBacklog implements SyncBacklog {

    private static final String CANDIDATES = """
            select e.*, r.status as record_status
            from platform_entities e
            left join sync_records r
              on r.entity_type = e.entity_type and r.entity_id = e.entity_id and r.target = $2
            where e.entity_type = $1
              and ($3::timestamptz is null or e.received_at >= $3)
              and (r.status is null or (r.status in ('pending', 'retrying', 'waiting') and r.zoho_id is null))
            order by e.received_at, e.entity_id""";

    private final Pool pool;

    public PgSyncBacklog(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Candidate>> candidates(EntityType type, SyncTarget target, Instant since) {
        return pool.preparedQuery(CANDIDATES)
                .execute(Tuple.of(type.wire(), target.wire(), since == null ? null : since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Candidate> candidates = new ArrayList<>();
                    for (Row row : rows) {
                        String status = row.getString("record_status");
                        candidates.add(new Candidate(
                                PgIntake.entity(row), status == null ? null : SyncStatus.fromWire(status)));
                    }
                    return candidates;
                });
    }
}
