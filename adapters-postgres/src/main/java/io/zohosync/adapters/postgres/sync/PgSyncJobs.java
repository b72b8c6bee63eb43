package io.zohosync.adapters.postgres.sync;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.coalesce.Coalescer;
import io.zohosync.adapters.postgres.entity.EntityRows;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.JobKind;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.SyncJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Postgres adapter for {@link SyncJobs}: SKIP LOCKED claims, leases fenced by {@code lease_seq}, the state machine's answers stored. */
public final class PgSyncJobs implements SyncJobs {

    private static final Logger LOG = LoggerFactory.getLogger(PgSyncJobs.class);

    /** Due, unleased jobs (the MATERIALIZED CTE fences the LIMIT so the planner cannot lock more rows than asked) and their records. */
    private static final String DUE = """
            with due as materialized (
                select id from sync_jobs
                where locked_by is null and run_at <= $1
                order by priority, run_at, id
                limit $2
                for update skip locked
            )
            select j.id as job_id, j.lease_seq, r.*, j.locked_by, j.locked_until, r.intent_at is not null as unsure
            from due join sync_jobs j using (id)
            join sync_records r using (entity_type, entity_id, target)
            order by j.priority, j.run_at, j.id
            for update of r skip locked""";

    /** As {@link #DUE}, but for the jobs of the kinds in $3/$4 (entity types, targets), which are claimed in batches. */
    private static final String DUE_EXCEPT = """
            with due as materialized (
                select id from sync_jobs
                where locked_by is null and run_at <= $1
                  and (entity_type, target) not in (select * from unnest($3::text[], $4::text[]))
                order by priority, run_at, id
                limit $2
                for update skip locked
            )
            select j.id as job_id, j.lease_seq, r.*, j.locked_by, j.locked_until, r.intent_at is not null as unsure
            from due join sync_jobs j using (id)
            join sync_records r using (entity_type, entity_id, target)
            order by j.priority, j.run_at, j.id
            for update of r skip locked""";

    /**
     * The due jobs of one kind ($3, $4), only once the batch is ready: $2 of them are due, or the oldest due one has
     * been due since $5 (the flush window).
     */
    private static final String DUE_BATCH = """
            with due as materialized (
                select id, run_at from sync_jobs
                where locked_by is null and run_at <= $1 and entity_type = $3 and target = $4
                order by priority, run_at, id
                limit $2
                for update skip locked
            ), ready as materialized (
                select id from due
                where (select count(*) from due) >= $2 or (select min(run_at) from due) <= $5
            )
            select j.id as job_id, j.lease_seq, r.*, j.locked_by, j.locked_until, r.intent_at is not null as unsure
            from ready join sync_jobs j using (id)
            join sync_records r using (entity_type, entity_id, target)
            order by j.priority, j.run_at, j.id
            for update of r skip locked""";

    private static final String LEASE = """
            update sync_jobs j set locked_by = $1, locked_until = $2, lease_seq = j.lease_seq + 1, updated_at = $3
            from unnest($4::bigint[]) as u(id) where j.id = u.id
            returning j.id, j.lease_seq""";
    /**
     * The claimed records made syncing, and their entities as stored now: read here, once the records are locked, so
     * that whatever the intake committed before is seen and whatever it commits after finds the record syncing (and
     * marks it dirty); the jobs do not read them once more, each in a query of its own.
     */
    private static final String SYNCING = """
            update sync_records r set status = 'syncing', reason = u.reason, dirty = false, deferred_for = null, updated_at = $1
            from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as u(t, i, g, reason)
            left join platform_entities e on e.entity_type = u.t and e.entity_id = u.i
            where r.entity_type = u.t and r.entity_id = u.i and r.target = u.g
            returning r.entity_type, r.entity_id, r.target, e.payload as entity_payload, e.version as entity_version,
                      e.payload_hash as entity_payload_hash, e.received_at as entity_received_at,
                      e.updated_at as entity_updated_at""";
    /**
     * A job whose record the state machine would not claim follows its record: due at its next run; gone when
     * the record is settled; an expired lease when the record says syncing, so the rescuer returns it.
     */
    private static final String RESYNC_JOB = "update sync_jobs set run_at = $2, updated_at = $3 where id = $1";

    private static final String ORPHAN_JOB =
            "update sync_jobs set locked_by = 'orphan', locked_until = $2, updated_at = $2 where id = $1";
    private static final String DROP_JOB = "delete from sync_jobs where id = $1";
    /** The intent marks of jobs still leased as they were claimed ($1–$4: job ids, workers, lease sequences, times). */
    private static final String INTENT = """
            update sync_records r set intent_at = u.at
            from unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[]) as u(id, worker, seq, at)
            join sync_jobs j on j.id = u.id and j.locked_by = u.worker and j.lease_seq = u.seq
            where r.entity_type = j.entity_type and r.entity_id = j.entity_id and r.target = j.target
            returning j.id""";
    /**
     * The jobs' records ($1–$3: job ids, workers, lease sequences; {@code n} a job's position among them), each locked
     * with its job, while the lease is still the one the job was claimed under.
     */
    private static final String HELD = """
            select u.n, r.*, j.locked_by, j.locked_until
            from unnest($1::bigint[], $2::text[], $3::int[]) with ordinality as u(id, worker, seq, n)
            join sync_jobs j on j.id = u.id and j.locked_by = u.worker and j.lease_seq = u.seq
            join sync_records r on r.entity_type = j.entity_type and r.entity_id = j.entity_id and r.target = j.target
            for update of j, r""";

    private static final String RENEW = """
            update sync_jobs set locked_until = $3::timestamptz + $4 * interval '1 millisecond'
            where id = any($1::bigint[]) and locked_by = $2""";
    private static final String LEASED = """
            select j.id as job_id, r.*, j.locked_by, j.locked_until from sync_jobs j
            join sync_records r using (entity_type, entity_id, target)
            where %s
            for update of j, r skip locked""";
    private static final String EXPIRED =
            LEASED.formatted("j.locked_by is not null and j.locked_until < $1::timestamptz");
    private static final String HELD_BY = LEASED.formatted("j.locked_by = $1");
    private static final String UNLOCK =
            "update sync_jobs set locked_by = null, locked_until = null, lease_seq = lease_seq + 1 where id = $1";

    private final Pool pool;
    private final Coalescer<Intent, Boolean> intents;
    private final Coalescer<Outcome, Optional<SyncState>> outcomes;

    public PgSyncJobs(Pool pool) {
        this.pool = pool;
        this.intents = new Coalescer<>("intent", this::markIntents);
        this.outcomes = new Coalescer<>("outcomes", this::completeAll);
    }

    private record Intent(ClaimedJob job, Instant at) {}

    private record Outcome(
            ClaimedJob job,
            String event,
            List<SyncKey> waitingFor,
            Instant now,
            Function<SyncState, Transition> decide) {}

    @Override
    public Future<List<ClaimedJob>> claimDue(
            String workerId, int max, Duration lease, Instant now, Function<SyncState, Transition> decide) {
        return claim(DUE, Tuple.of(utc(now), max), workerId, lease, now, decide);
    }

    @Override
    public Future<List<ClaimedJob>> claimDueExcept(
            String workerId,
            Set<JobKind> batched,
            int max,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide) {
        String[] types = batched.stream().map(k -> k.type().wire()).toArray(String[]::new);
        String[] targets = batched.stream().map(k -> k.target().wire()).toArray(String[]::new);
        return claim(DUE_EXCEPT, Tuple.of(utc(now), max, types, targets), workerId, lease, now, decide);
    }

    @Override
    public Future<List<ClaimedJob>> claimBatch(
            String workerId,
            JobKind kind,
            int max,
            Duration flush,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide) {
        Tuple args = Tuple.of(utc(now), max, kind.type().wire(), kind.target().wire(), utc(now.minus(flush)));
        return claim(DUE_BATCH, args, workerId, lease, now, decide);
    }

    private Future<List<ClaimedJob>> claim(
            String due,
            Tuple args,
            String workerId,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide) {
        return Transactions.run(
                pool,
                conn -> conn.preparedQuery(due).execute(args).compose(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    List<SyncState> states = new ArrayList<>();
                    Future<?> others = Future.succeededFuture();
                    for (Row row : rows) {
                        SyncState state = RecordStore.state(row);
                        Transition transition = decide.apply(state);
                        if (transition instanceof Transition.Moved moved
                                && moved.next().status() == SyncStatus.SYNCING) {
                            claimed.add(row);
                            states.add(moved.next());
                        } else {
                            others = others.compose(x -> resync(conn, row, state, transition, now));
                        }
                    }
                    return others.compose(x -> claimed.isEmpty()
                            ? Future.succeededFuture(List.<ClaimedJob>of())
                            : lease(conn, workerId, now.plus(lease), claimed, states, now));
                }));
    }

    private Future<List<ClaimedJob>> lease(
            SqlConnection conn, String workerId, Instant until, List<Row> rows, List<SyncState> states, Instant now) {
        Long[] ids = rows.stream().map(r -> r.getLong("job_id")).toArray(Long[]::new);
        return conn.preparedQuery(LEASE)
                .execute(Tuple.of(workerId, utc(until), utc(now), ids))
                .compose(leased -> {
                    Map<Long, Integer> seqs = new HashMap<>();
                    leased.forEach(r -> seqs.put(r.getLong("id"), r.getInteger("lease_seq")));
                    return conn.preparedQuery(SYNCING)
                            .execute(Tuple.of(
                                    utc(now),
                                    rows.stream()
                                            .map(r -> r.getString("entity_type"))
                                            .toArray(String[]::new),
                                    rows.stream()
                                            .map(r -> r.getString("entity_id"))
                                            .toArray(String[]::new),
                                    rows.stream()
                                            .map(r -> r.getString("target"))
                                            .toArray(String[]::new),
                                    states.stream().map(SyncState::reason).toArray(String[]::new)))
                            .map(syncing -> {
                                Map<SyncKey, StoredEntity> entities = new HashMap<>();
                                syncing.forEach(r -> stored(r).ifPresent(e -> entities.put(RecordStore.key(r), e)));
                                List<ClaimedJob> jobs = new ArrayList<>(rows.size());
                                for (int i = 0; i < rows.size(); i++) {
                                    Row row = rows.get(i);
                                    long id = row.getLong("job_id");
                                    SyncKey key = RecordStore.key(row);
                                    jobs.add(new ClaimedJob(
                                            id,
                                            seqs.get(id),
                                            key,
                                            states.get(i),
                                            row.getBoolean("unsure"),
                                            Optional.ofNullable(entities.get(key))));
                                }
                                return jobs;
                            });
                });
    }

    /** The entity read with a claimed record; empty when there was none (the runner then says it is gone). */
    private static Optional<StoredEntity> stored(Row row) {
        return row.getValue("entity_payload") == null
                ? Optional.empty()
                : Optional.of(EntityRows.entity(RecordStore.key(row).entity(), row, "entity_"));
    }

    private static Future<?> resync(SqlConnection conn, Row row, SyncState state, Transition transition, Instant now) {
        long id = row.getLong("job_id");
        LOG.warn(
                "job {} ({}) not claimed: {}",
                id,
                RecordStore.key(row),
                transition instanceof Transition.Rejected r ? r.reason() : "the state machine did not make it syncing");
        if (state.status() == SyncStatus.SYNCING) {
            return conn.preparedQuery(ORPHAN_JOB).execute(Tuple.of(id, utc(now)));
        }
        return state.isQueued()
                ? conn.preparedQuery(RESYNC_JOB).execute(Tuple.of(id, utc(state.nextRunAt()), utc(now)))
                : conn.preparedQuery(DROP_JOB).execute(Tuple.of(id));
    }

    @Override
    public Future<Boolean> markIntent(ClaimedJob job, Instant now) {
        return intents.ask(new Intent(job, now));
    }

    /** Marks the intents of jobs the same worker runs side by side in one statement ({@link Coalescer}). */
    private Future<List<Boolean>> markIntents(List<Intent> marks) {
        return pool.preparedQuery(INTENT)
                .execute(Tuple.of(
                        marks.stream().map(m -> m.job().jobId()).toArray(Long[]::new),
                        marks.stream().map(m -> m.job().workerId()).toArray(String[]::new),
                        marks.stream().map(m -> m.job().leaseSeq()).toArray(Integer[]::new),
                        marks.stream().map(m -> utc(m.at())).toArray(OffsetDateTime[]::new)))
                .map(rows -> {
                    Set<Long> marked = new HashSet<>();
                    rows.forEach(row -> marked.add(row.getLong("id")));
                    return marks.stream()
                            .map(m -> marked.contains(m.job().jobId()))
                            .toList();
                });
    }

    @Override
    public Future<Optional<SyncState>> complete(
            ClaimedJob job,
            String event,
            List<SyncKey> waitingFor,
            Instant now,
            Function<SyncState, Transition> decide) {
        return outcomes.ask(new Outcome(job, event, waitingFor, now, decide));
    }

    /**
     * Records the outcomes of the jobs the same worker finished side by side in one transaction ({@link Coalescer}):
     * their keys locked in one statement and their records, under their leases, in another, then each stored. A job
     * whose lease was lost gets nothing stored; a failure rolls all back, and the coalescer records each alone.
     */
    private Future<List<Optional<SyncState>>> completeAll(List<Outcome> outcomes) {
        return Transactions.run(
                pool,
                conn -> RecordStore.lockKeys(
                                conn,
                                RecordStore.inLockOrder(outcomes.stream()
                                        .map(o -> o.job().key())
                                        .toList()))
                        .compose(x -> conn.preparedQuery(HELD)
                                .execute(Tuple.of(
                                        outcomes.stream()
                                                .map(o -> o.job().jobId())
                                                .toArray(Long[]::new),
                                        outcomes.stream()
                                                .map(o -> o.job().workerId())
                                                .toArray(String[]::new),
                                        outcomes.stream()
                                                .map(o -> o.job().leaseSeq())
                                                .toArray(Integer[]::new))))
                        .compose(held -> {
                            List<Optional<SyncState>> recorded =
                                    new ArrayList<>(Collections.nCopies(outcomes.size(), Optional.<SyncState>empty()));
                            // the settled ones in one statement, any other alone; sent without waiting for one
                            // another (the connection pipelines them, in this order)
                            List<RecordStore.Change> settled = new ArrayList<>();
                            List<Future<?>> stored = new ArrayList<>();
                            for (Row row : held) {
                                int n = row.getLong("n").intValue() - 1;
                                Outcome outcome = outcomes.get(n);
                                Optional<RecordStore.Change> change = change(outcome, RecordStore.state(row));
                                change.ifPresent(c -> recorded.set(n, Optional.of(c.next())));
                                if (change.isEmpty()) {
                                    continue;
                                }
                                if (RecordStore.settledTogether(change.get())) {
                                    settled.add(change.get());
                                } else {
                                    stored.add(store(conn, change.get(), outcome.waitingFor()));
                                }
                            }
                            if (!settled.isEmpty()) {
                                stored.add(RecordStore.storeAllSettled(conn, settled));
                            }
                            return Future.all(stored).map(recorded);
                        }));
    }

    /** What the state machine makes of one job's outcome, its record locked and its lease checked; empty if refused. */
    private static Optional<RecordStore.Change> change(Outcome outcome, SyncState state) {
        ClaimedJob job = outcome.job();
        Transition transition = outcome.decide().apply(state);
        if (!(transition instanceof Transition.Moved moved)) {
            // nothing stored: the lease runs out and the rescuer returns the record to the queue
            LOG.error(
                    "job {} ({}): the state machine refused the outcome {}: {}",
                    job.jobId(),
                    job.key(),
                    outcome.event(),
                    ((Transition.Rejected) transition).reason());
            return Optional.empty();
        }
        return Optional.of(
                new RecordStore.Change(job.key(), Optional.of(state), moved.next(), outcome.event(), outcome.now()));
    }

    /** Stores one change alone, and what it waits on when it waits. */
    private static Future<Void> store(SqlConnection conn, RecordStore.Change change, List<SyncKey> waitingFor) {
        return RecordStore.store(conn, change.key(), change.before(), change.next(), change.event(), change.now())
                .compose(x -> change.next().status() == SyncStatus.WAITING
                        ? RecordStore.waitFor(conn, change.key(), waitingFor, change.now())
                        : Future.succeededFuture());
    }

    @Override
    public Future<Integer> renew(String workerId, List<Long> jobIds, Duration lease, Instant now) {
        if (jobIds.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return pool.preparedQuery(RENEW)
                .execute(Tuple.of(jobIds.toArray(Long[]::new), workerId, utc(now), lease.toMillis()))
                .map(rows -> rows.rowCount());
    }

    @Override
    public Future<Integer> releaseExpired(Instant now, Function<SyncState, Transition> decide) {
        return release(EXPIRED, Tuple.of(utc(now)), "lease_expired", now, decide);
    }

    @Override
    public Future<Integer> releaseAll(String workerId, Instant now, Function<SyncState, Transition> decide) {
        return release(HELD_BY, Tuple.of(workerId), "lease_released", now, decide);
    }

    private Future<Integer> release(
            String sql, Tuple args, String event, Instant now, Function<SyncState, Transition> decide) {
        return Transactions.run(
                pool,
                conn -> conn.preparedQuery(sql).execute(args).compose(rows -> back(conn, rows, event, now, decide)));
    }

    private static Future<Integer> back(
            SqlConnection conn, RowSet<Row> rows, String event, Instant now, Function<SyncState, Transition> decide) {
        Future<Integer> count = Future.succeededFuture(0);
        for (Row row : rows) {
            SyncState state = RecordStore.state(row);
            Transition transition = decide.apply(state);
            count = count.compose(n -> transition instanceof Transition.Moved moved
                    ? RecordStore.store(conn, RecordStore.key(row), Optional.of(state), moved.next(), event, now)
                            .map(n + 1)
                    : conn.preparedQuery(UNLOCK)
                            .execute(Tuple.of(row.getLong("job_id")))
                            .map(n));
        }
        return count;
    }
}
