package io.zohosync.adapters.postgres;

import static io.zohosync.adapters.postgres.PgCustomerStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.sync.Lease;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.out.SyncRecordChanges;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Function;

/** Postgres adapter for {@link SyncRecordChanges}: lock, decide, store record + job + log in one transaction. */
final class PgSyncRecordChanges implements SyncRecordChanges {

    private static final String LOAD = """
            select r.*, j.locked_by, j.locked_until from sync_records r
            left join sync_jobs j using (entity_type, entity_id, target)
            where r.entity_type = $1 and r.entity_id = $2
            order by r.target limit 1
            for update of r""";
    private static final String STORE = """
            update sync_records set status = $4::text, zoho_id = $5, attempts = $6, last_error = $7, next_run_at = $8,
                   updated_at = $9::timestamptz,
                   synced_at = case when $4::text in ('synced', 'manual') then $9::timestamptz else synced_at end
            where entity_type = $1 and entity_id = $2 and target = $3
            returning *""";
    /** A fresh job; bumping lease_seq fences out a worker still holding the old lease. */
    private static final String REQUEUE = """
            insert into sync_jobs (entity_type, entity_id, target, priority, run_at, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $5, $5)
            on conflict (entity_type, entity_id, target) do update set
                locked_by = null, locked_until = null, lease_seq = sync_jobs.lease_seq + 1, dirty = false,
                run_at = excluded.run_at, updated_at = excluded.updated_at""";
    private static final String DROP_JOB = "delete from sync_jobs where entity_type = $1 and entity_id = $2 and target = $3";
    private static final String LOG = """
            insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message, zoho_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private final Pool pool;

    PgSyncRecordChanges(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<Changed>> change(String entityType, String entityId, String event,
            Function<SyncState, Transition> decide, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery(LOAD).execute(Tuple.of(entityType, entityId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(Optional.<Changed>empty());
            }
            Row row = rows.iterator().next();
            Transition transition = decide.apply(state(row, now));
            if (transition instanceof Transition.Moved moved) {
                return store(conn, row, moved.next(), event, now).map(view -> Optional.of(new Changed(transition, view)));
            }
            return Future.succeededFuture(Optional.of(new Changed(transition, PgSyncRecordsReader.toView(row))));
        }));
    }

    private Future<io.zohosync.ports.in.SyncRecordView> store(SqlConnection conn, Row row, SyncState next, String event, Instant now) {
        String type = row.getString("entity_type");
        String id = row.getString("entity_id");
        String target = row.getString("target");
        boolean runs = next.status() == SyncStatus.PENDING;
        return conn.preparedQuery(STORE).execute(Tuple.from(new Object[] {type, id, target, next.status().wire(), next.zohoId(),
                        next.attempts(), next.lastError(), runs ? utc(next.nextRunAt()) : null, utc(now)}))
                .compose(stored -> job(conn, type, id, target, next.status(), now)
                        .compose(x -> conn.preparedQuery(LOG).execute(Tuple.from(new Object[] {type, id, target, utc(now),
                                row.getString("status"), next.status().wire(), event, next.reason(), next.zohoId()})))
                        .map(x -> PgSyncRecordsReader.toView(stored.iterator().next())));
    }

    private static Future<?> job(SqlConnection conn, String type, String id, String target, SyncStatus status, Instant now) {
        if (status == SyncStatus.PENDING) {
            return conn.preparedQuery(REQUEUE).execute(Tuple.of(type, id, target, JobPriority.of(type), utc(now)));
        }
        if (status == SyncStatus.MANUAL) {
            return conn.preparedQuery(DROP_JOB).execute(Tuple.of(type, id, target));
        }
        return Future.succeededFuture();
    }

    /** The stored record as the domain's state; a syncing record's lease comes from its job. */
    private static SyncState state(Row row, Instant now) {
        SyncStatus status = SyncStatus.fromWire(row.getString("status"));
        Lease lease = null;
        if (status == SyncStatus.SYNCING) {
            String owner = row.getString("locked_by");
            OffsetDateTime until = row.getOffsetDateTime("locked_until");
            lease = new Lease(owner == null ? "nobody" : owner, until == null ? now : until.toInstant());
        }
        OffsetDateTime next = row.getOffsetDateTime("next_run_at");
        return new SyncState(status, row.getInteger("attempts"), next == null ? row.getOffsetDateTime("updated_at").toInstant() : next.toInstant(),
                row.getString("last_error"), lease, row.getString("zoho_id"), "as stored");
    }
}
