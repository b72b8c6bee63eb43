package io.zohosync.adapters.postgres.sync;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.SyncHealthReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Postgres adapter for {@link SyncHealthReader}: reads only, so a health check changes nothing it looks at. */
public final class PgSyncHealth implements SyncHealthReader {

    private static final String COUNTS = "select status, count(*) as n from sync_records group by status";
    /** Due: pending or retrying whose time has come (a record never scheduled counts from its last change). */
    private static final String DUE = """
            select count(*) as n, min(coalesce(next_run_at, updated_at)) as oldest from sync_records
             where status in ('pending', 'retrying') and coalesce(next_run_at, updated_at) <= $1""";

    private static final String SAMPLE = """
            select entity_type, entity_id, target, zoho_id from sync_records
             where status = 'synced' and zoho_id is not null order by random() limit $1""";

    private static final String LAST_SYNCED = "select max(synced_at) as last from sync_records";
    private static final String CONNECTION = """
            select refresh_token is not null as stored, reconnect_needed, cool_down_until
              from zoho_tokens where connection_id = $1""";

    private final Pool pool;

    public PgSyncHealth(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Activity> activity(Instant now) {
        Map<SyncStatus, Long> counts = new EnumMap<>(SyncStatus.class);
        return pool.query(COUNTS)
                .execute()
                .compose(rows -> {
                    rows.forEach(r -> counts.put(SyncStatus.fromWire(r.getString("status")), r.getLong("n")));
                    return pool.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)));
                })
                .compose(due -> pool.query(LAST_SYNCED).execute().map(last -> {
                    Row d = due.iterator().next();
                    return new Activity(
                            counts,
                            d.getLong("n"),
                            instant(d.getOffsetDateTime("oldest")),
                            instant(last.iterator().next().getOffsetDateTime("last")));
                }));
    }

    @Override
    public Future<List<Linked>> sample(int size) {
        return pool.preparedQuery(SAMPLE).execute(Tuple.of(size)).map(rows -> {
            List<Linked> linked = new ArrayList<>();
            rows.forEach(r -> linked.add(new Linked(
                    new SyncKey(
                            EntityType.fromWire(r.getString("entity_type")),
                            r.getString("entity_id"),
                            SyncTarget.fromWire(r.getString("target"))),
                    r.getString("zoho_id"))));
            return linked;
        });
    }

    @Override
    public Future<StoredConnection> connection(String connectionId) {
        return pool.preparedQuery(CONNECTION).execute(Tuple.of(connectionId)).map(rows -> {
            if (rows.size() == 0) {
                return new StoredConnection(false, false, null);
            }
            Row r = rows.iterator().next();
            return new StoredConnection(
                    r.getBoolean("stored"),
                    r.getBoolean("reconnect_needed"),
                    instant(r.getOffsetDateTime("cool_down_until")));
        });
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
