package io.zohosync.adapters.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.SyncRecordsReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Postgres adapter for {@link SyncRecordsReader}. */
final class PgSyncRecordsReader implements SyncRecordsReader {

    private static final String COUNTS = "select entity_type, status, count(*) as n from sync_records group by entity_type, status";
    private static final String RECENT = "select * from sync_records order by updated_at desc, entity_id limit $1";
    private static final String FIND = "select * from sync_records where entity_type = $1 and entity_id = $2 order by target limit 1";

    private final Pool pool;

    PgSyncRecordsReader(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Map<String, Map<SyncStatus, Long>>> countsByEntityAndStatus() {
        return pool.query(COUNTS).execute().map(rows -> {
            Map<String, Map<SyncStatus, Long>> counts = new TreeMap<>();
            for (Row row : rows) {
                counts.computeIfAbsent(row.getString("entity_type"), k -> new EnumMap<>(SyncStatus.class))
                        .put(SyncStatus.fromWire(row.getString("status")), row.getLong("n"));
            }
            return counts;
        });
    }

    @Override
    public Future<List<SyncRecordView>> recentlyChanged(int limit) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(limit)).map(rows -> {
            List<SyncRecordView> views = new ArrayList<>(rows.size());
            rows.forEach(row -> views.add(toView(row)));
            return views;
        });
    }

    @Override
    public Future<Optional<SyncRecordView>> find(String entityType, String entityId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(entityType, entityId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toView(rows.iterator().next())));
    }

    static SyncRecordView toView(Row row) {
        return new SyncRecordView(row.getString("entity_type"), row.getString("entity_id"), row.getString("target"),
                SyncStatus.fromWire(row.getString("status")), row.getString("zoho_id"), row.getInteger("attempts"),
                row.getString("last_error"), instant(row.getOffsetDateTime("next_run_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
