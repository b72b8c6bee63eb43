package io.zohosync.adapters.postgres;

import static io.zohosync.adapters.postgres.PgCustomerStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.JobOutcome;
import io.zohosync.ports.out.SyncJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Postgres adapter for {@link SyncJobs}: SKIP LOCKED claims, leases fenced by {@code lease_seq}. */
final class PgSyncJobs implements SyncJobs {

    /**
     * One statement: pick due, unleased jobs (the MATERIALIZED CTE fences the LIMIT so the planner
     * cannot lock more rows than asked), lease them, and move their records to syncing with a write
     * intent recorded. Attempts are counted when an outcome is known (domain {@code SyncState}).
     */
    private static final String CLAIM = """
            with due as materialized (
                select id from sync_jobs
                where locked_by is null and run_at <= $1
                order by priority, run_at, id
                limit $2
                for update skip locked
            ), leased as (
                update sync_jobs j set locked_by = $3, locked_until = $1::timestamptz + $4 * interval '1 millisecond',
                                       lease_seq = j.lease_seq + 1, dirty = false, updated_at = $1
                from due where j.id = due.id
                returning j.id, j.lease_seq, j.entity_type, j.entity_id, j.target
            ), before as (
                select r.entity_type, r.entity_id, r.target, r.status, r.intent_at is not null as unsure
                from sync_records r join leased l using (entity_type, entity_id, target)
            ), marked as (
                update sync_records r set status = 'syncing', intent_at = $1, updated_at = $1
                from leased l
                where r.entity_type = l.entity_type and r.entity_id = l.entity_id and r.target = l.target
                returning r.entity_type, r.entity_id, r.target, r.attempts, r.zoho_id
            )
            select l.id, l.lease_seq, l.entity_type, l.entity_id, l.target, m.attempts, m.zoho_id,
                   b.status as previous, b.unsure
            from leased l
            join marked m using (entity_type, entity_id, target)
            join before b using (entity_type, entity_id, target)""";

    private static final String RECORD = """
            update sync_records set status = $4::text, zoho_id = $5, attempts = $6, last_error = $7, next_run_at = $8,
                   updated_at = $9::timestamptz, synced_at = case when $4::text in ('synced', 'manual') then $9::timestamptz else synced_at end,
                   intent_at = case when $4::text in ('synced', 'manual') then null else intent_at end
            where entity_type = $1 and entity_id = $2 and target = $3""";
    /**
     * The fence: only the current lease holder may finish a job. A job that runs again keeps its row;
     * so does a job whose entity changed while it ran ({@code dirty}) and that ended synced: the change
     * is then pushed as an update (the domain's EntityChanged on a synced sync).
     */
    private static final String FINISH_JOB = """
            with mine as (
                select id, dirty from sync_jobs where id = $1 and locked_by = $2 and lease_seq = $3 for update
            ), dropped as (
                delete from sync_jobs j using mine where j.id = mine.id and not $4::boolean and not (mine.dirty and $7::boolean)
                returning j.id
            ), requeued as (
                update sync_jobs j set locked_by = null, locked_until = null, updated_at = $6::timestamptz,
                       run_at = case when mine.dirty and $7::boolean then $6::timestamptz else $5::timestamptz end, dirty = false
                from mine where j.id = mine.id and ($4::boolean or (mine.dirty and $7::boolean))
                returning j.id, mine.dirty
            )
            select (select count(*) from mine) as held, (select bool_or(dirty) from requeued) as dirty""";
    private static final String LOG = """
            insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message, zoho_id)
            values ($1, $2, $3, $4, 'syncing', $5, $6, $7, $8)""";
    private static final String RENEW = """
            update sync_jobs set locked_until = $3::timestamptz + $4 * interval '1 millisecond'
            where id = any($1::bigint[]) and locked_by = $2""";
    private static final String RELEASE = """
            with freed as (
                update sync_jobs set locked_by = null, locked_until = null, updated_at = $1::timestamptz, run_at = $1::timestamptz
                where %s
                returning entity_type, entity_id, target
            ), back as (
                update sync_records r set status = 'pending', next_run_at = $1::timestamptz, updated_at = $1::timestamptz
                from freed f
                where r.entity_type = f.entity_type and r.entity_id = f.entity_id and r.target = f.target
                  and r.status = 'syncing'
                returning r.entity_type, r.entity_id, r.target
            ), logged as (
                insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message)
                select entity_type, entity_id, target, $1::timestamptz, 'syncing', 'pending', 'lease_released', $3::text from back
            )
            select count(*) as released from freed""";
    private static final String RELEASE_EXPIRED = RELEASE.formatted("locked_by is not null and locked_until < $1::timestamptz and $2::text is null");
    private static final String RELEASE_WORKER = RELEASE.formatted("locked_by = $2");

    private final Pool pool;

    PgSyncJobs(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<ClaimedJob>> claimDue(String workerId, int max, Duration lease, Instant now) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), max, workerId, lease.toMillis())).map(rows -> {
            List<ClaimedJob> jobs = new ArrayList<>(rows.size());
            for (Row row : rows) {
                jobs.add(new ClaimedJob(row.getLong("id"), row.getInteger("lease_seq"), workerId,
                        row.getString("entity_type"), row.getString("entity_id"), row.getString("target"),
                        row.getInteger("attempts"), row.getString("previous"), row.getBoolean("unsure"),
                        row.getString("zoho_id")));
            }
            return jobs;
        });
    }

    @Override
    public Future<Boolean> complete(ClaimedJob job, JobOutcome outcome, Instant now) {
        boolean runsAgain = outcome.status() == SyncStatus.PENDING || outcome.status() == SyncStatus.RETRYING;
        Instant runAt = outcome.nextRunAt() == null ? now : outcome.nextRunAt();
        boolean synced = outcome.status() == SyncStatus.SYNCED;
        return pool.withTransaction(conn -> conn.preparedQuery(FINISH_JOB)
                .execute(Tuple.of(job.jobId(), job.workerId(), job.leaseSeq(), runsAgain, utc(runAt), utc(now), synced))
                .compose(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("held") == 0) {
                        return Future.succeededFuture(false);
                    }
                    // synced, but the entity changed while this run was in flight: push the change as an update
                    boolean dirty = synced && Boolean.TRUE.equals(row.getBoolean("dirty"));
                    SyncStatus status = dirty ? SyncStatus.PENDING : outcome.status();
                    return conn.preparedQuery(RECORD).execute(Tuple.from(new Object[] {
                                job.entityType(), job.entityId(), job.target(), status.wire(), outcome.zohoId(),
                                dirty ? 0 : outcome.attempts(), outcome.lastError(),
                                utc(dirty ? now : outcome.nextRunAt()), utc(now)}))
                            .compose(x -> conn.preparedQuery(LOG).execute(Tuple.from(new Object[] {
                                job.entityType(), job.entityId(), job.target(), utc(now), status.wire(),
                                outcome.event(), outcome.message(), outcome.zohoId()})))
                            .map(true);
                }));
    }

    @Override
    public Future<Integer> renew(String workerId, List<Long> jobIds, Duration lease, Instant now) {
        if (jobIds.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return pool.preparedQuery(RENEW).execute(Tuple.of(jobIds.toArray(Long[]::new), workerId, utc(now), lease.toMillis()))
                .map(rows -> rows.rowCount());
    }

    @Override
    public Future<Integer> releaseExpired(Instant now) {
        return release(RELEASE_EXPIRED, null, now, "lease expired: the worker stopped answering");
    }

    @Override
    public Future<Integer> releaseAll(String workerId, Instant now) {
        return release(RELEASE_WORKER, workerId, now, "released at shutdown of " + workerId);
    }

    private Future<Integer> release(String sql, String workerId, Instant now, String message) {
        return pool.preparedQuery(sql).execute(Tuple.of(utc(now), workerId, message))
                .map(rows -> rows.iterator().next().getLong("released").intValue());
    }
}
