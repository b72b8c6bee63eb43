package io.zohosync.adapters.postgres.sync;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.coalesce.Coalescer;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.DeferCause;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.SyncRecordsReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Postgres adapter for {@link SyncRecords} and {@link SyncRecordsReader}: lock, let the state machine decide, store its answer. */
public final class PgSyncRecords implements SyncRecords, SyncRecordsReader {

    private static final String COUNTS =
            "select entity_type, status, count(*) as n from sync_records group by entity_type, status";
    private static final String COUNTS_BY_TARGET = "select entity_type, target, status, count(*) as n from sync_records"
            + " group by entity_type, target, status";
    private static final String RECENT = "select * from sync_records order by updated_at desc, entity_id limit $1";
    private static final String FIND =
            "select * from sync_records where entity_type = $1 and entity_id = $2 and target = $3";
    private static final String FIND_ALL =
            "select * from sync_records where entity_type = $1 and entity_id = $2 order by target";
    /** The records still waiting on each prerequisite ($1–$3, $4 its position among them: {@code n}). */
    private static final String WAITING_ON = """
            select u.n, w.entity_type, w.entity_id, w.target
            from unnest($1::text[], $2::text[], $3::text[]) with ordinality as u(t, i, g, n)
            join sync_waits w on w.needs_type = u.t and w.needs_id = u.i and w.needs_target = u.g
            join sync_records r on r.entity_type = w.entity_type and r.entity_id = w.entity_id and r.target = w.target
            where r.status = 'waiting'
            order by u.n, w.entity_type, w.entity_id, w.target""";

    private static final String DEFERRED = """
            select entity_type, entity_id, target from sync_records where status = 'pending' and deferred_for = $1
            order by entity_type, entity_id, target""";
    private static final String STATES = """
            select r.*, j.locked_by, j.locked_until from sync_records r
            left join sync_jobs j using (entity_type, entity_id, target)
            where (r.entity_type, r.entity_id, r.target) in (select * from unnest($1::text[], $2::text[], $3::text[]))""";
    private static final String LINKED_TO =
            "select count(*) as n from sync_records where entity_type = $1 and target = $2 and zoho_id = $3";

    private final Pool pool;
    private final Coalescer<SyncKey, List<SyncKey>> waiting;

    public PgSyncRecords(Pool pool) {
        this.pool = pool;
        this.waiting = new Coalescer<>("waiting records", this::waitingOn);
    }

    @Override
    public Future<Optional<Changed>> change(
            SyncKey key, String event, Function<SyncState, Transition> decide, Instant now) {
        return Transactions.run(pool, conn -> change(conn, key, event, decide, now));
    }

    @Override
    public Future<List<Changed>> changeWaitingOn(
            SyncKey prerequisite, String event, Function<SyncState, Transition> decide, Instant now) {
        return waiting.ask(prerequisite).compose(keys -> changeAll(keys, event, decide, now));
    }

    /**
     * The records waiting on each prerequisite, in its order: the prerequisites the worker's jobs settled side by
     * side are looked up in one statement ({@link Coalescer}).
     */
    private Future<List<List<SyncKey>>> waitingOn(List<SyncKey> prerequisites) {
        return pool.preparedQuery(WAITING_ON)
                .execute(RecordStore.keyArrays(prerequisites))
                .map(rows -> {
                    List<List<SyncKey>> found = new ArrayList<>();
                    prerequisites.forEach(p -> found.add(new ArrayList<>()));
                    rows.forEach(
                            row -> found.get(row.getLong("n").intValue() - 1).add(RecordStore.key(row)));
                    return found;
                });
    }

    @Override
    public Future<List<Changed>> changeDeferred(
            DeferCause cause, String event, Function<SyncState, Transition> decide, Instant now) {
        return pool.preparedQuery(DEFERRED)
                .execute(Tuple.of(cause.name().toLowerCase(Locale.ROOT)))
                .compose(rows -> {
                    List<SyncKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(RecordStore.key(row)));
                    return changeAll(keys, event, decide, now);
                });
    }

    /** Each record in a transaction of its own, one after another: no long transaction however many there are. */
    private Future<List<Changed>> changeAll(
            List<SyncKey> keys, String event, Function<SyncState, Transition> decide, Instant now) {
        List<Changed> changed = new ArrayList<>();
        Future<?> chain = Future.succeededFuture();
        for (SyncKey key : keys) {
            chain = chain.compose(x -> change(key, event, decide, now).onSuccess(c -> c.ifPresent(changed::add)));
        }
        return chain.map(changed);
    }

    private static Future<Optional<Changed>> change(
            SqlConnection conn, SyncKey key, String event, Function<SyncState, Transition> decide, Instant now) {
        return RecordStore.lock(conn, key).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(Optional.<Changed>empty());
            }
            Transition transition = decide.apply(found.get());
            Future<Void> stored = transition instanceof Transition.Moved moved
                    ? RecordStore.store(conn, key, found, moved.next(), event, now)
                    : Future.succeededFuture();
            return stored.compose(x -> view(conn, key))
                    .map(view -> Optional.of(new Changed(key, transition, view.orElseThrow())));
        });
    }

    @Override
    public Future<SyncState> ensureQueued(SyncKey key, String why, Instant now) {
        return Transactions.run(
                pool,
                conn -> RecordStore.lock(conn, key).compose(found -> {
                    if (found.isPresent()) {
                        return Future.succeededFuture(found.get());
                    }
                    SyncState pending = new SyncState(SyncStatus.PENDING, 0, now, null, null, null, why);
                    return RecordStore.store(conn, key, found, pending, "queued_as_prerequisite", now)
                            .map(pending);
                }));
    }

    @Override
    public Future<Map<SyncKey, SyncState>> states(Collection<SyncKey> keys) {
        return pool.preparedQuery(STATES)
                .execute(RecordStore.keyArrays(List.copyOf(keys)))
                .map(rows -> {
                    Map<SyncKey, SyncState> states = new HashMap<>();
                    rows.forEach(row -> states.put(RecordStore.key(row), RecordStore.state(row)));
                    return states;
                });
    }

    @Override
    public Future<Integer> linkedTo(SyncKey key, String zohoId) {
        return pool.preparedQuery(LINKED_TO)
                .execute(Tuple.of(key.type().wire(), key.target().wire(), zohoId))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    @Override
    public Future<Map<EntityType, Map<SyncStatus, Long>>> countsByEntityAndStatus() {
        return pool.query(COUNTS).execute().map(rows -> {
            Map<EntityType, Map<SyncStatus, Long>> counts = new TreeMap<>();
            for (Row row : rows) {
                counts.computeIfAbsent(
                                EntityType.fromWire(row.getString("entity_type")), k -> new EnumMap<>(SyncStatus.class))
                        .put(SyncStatus.fromWire(row.getString("status")), row.getLong("n"));
            }
            return counts;
        });
    }

    @Override
    public Future<Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>>> countsByTarget() {
        return pool.query(COUNTS_BY_TARGET).execute().map(rows -> {
            Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>> counts = new TreeMap<>();
            for (Row row : rows) {
                counts.computeIfAbsent(EntityType.fromWire(row.getString("entity_type")), k -> new TreeMap<>())
                        .computeIfAbsent(
                                SyncTarget.fromWire(row.getString("target")), k -> new EnumMap<>(SyncStatus.class))
                        .put(SyncStatus.fromWire(row.getString("status")), row.getLong("n"));
            }
            return counts;
        });
    }

    @Override
    public Future<List<SyncRecordView>> recentlyChanged(int limit) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(limit)).map(PgSyncRecords::views);
    }

    @Override
    public Future<Optional<SyncRecordView>> find(SyncKey key) {
        return view(pool, key);
    }

    @Override
    public Future<List<SyncRecordView>> findAll(EntityRef entity) {
        return pool.preparedQuery(FIND_ALL)
                .execute(Tuple.of(entity.type().wire(), entity.id()))
                .map(PgSyncRecords::views);
    }

    /**
     * The log rows the query matches, walked down the primary key from the cursor: each filter is an equality or a
     * range the planner can meet with an index that ends in {@code id} (V1, V10), so a page costs its rows, not the
     * table's (see V10__sync_log_filters.sql for the plans).
     */
    @Override
    public Future<List<SyncLogEntry>> log(SyncLogQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        filter(
                where,
                args,
                "entity_type = $%d",
                query.type() == null ? null : query.type().wire());
        filter(where, args, "entity_id = $%d", query.entityId());
        filter(
                where,
                args,
                "target = $%d",
                query.target() == null ? null : query.target().wire());
        filter(
                where,
                args,
                "to_status = $%d",
                query.status() == null ? null : query.status().wire());
        filter(where, args, "event = $%d", query.event());
        filter(where, args, "at >= $%d", RecordStore.utc(query.since()));
        filter(where, args, "at < $%d", RecordStore.utc(query.until()));
        filter(where, args, "id < $%d", query.before());
        if (query.text() != null) {
            args.add("%" + likeEscaped(query.text()) + "%");
            int n = args.size();
            where.add("(entity_id ilike $%1$d or message ilike $%1$d or zoho_id ilike $%1$d)".formatted(n));
        }
        args.add(query.limit());
        String sql = "select * from sync_log"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by id desc limit $" + args.size();
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rows -> {
            List<SyncLogEntry> entries = new ArrayList<>(rows.size());
            rows.forEach(row -> entries.add(entry(row)));
            return entries;
        });
    }

    /**
     * Records newest change first, walked down {@code sync_records_updated_idx} or {@code sync_records_status_idx}
     * (V1) from the cursor; ties on the time are broken by the key, compared byte-wise (collation "C", the order of
     * {@link String#compareTo} for the ids a platform sends).
     */
    @Override
    public Future<List<SyncRecordView>> list(SyncRecordQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        filter(
                where,
                args,
                "entity_type = $%d",
                query.type() == null ? null : query.type().wire());
        filter(
                where,
                args,
                "target = $%d",
                query.target() == null ? null : query.target().wire());
        filter(
                where,
                args,
                "status = $%d",
                query.status() == null ? null : query.status().wire());
        if (query.after() != null) {
            SyncKey key = query.after().key();
            args.addAll(List.of(
                    RecordStore.utc(query.after().updatedAt()),
                    key.type().wire(),
                    key.entityId(),
                    key.target().wire()));
            int n = args.size() - 3;
            where.add(("updated_at <= $%1$d and (updated_at, entity_type collate \"C\", entity_id collate \"C\","
                            + " target collate \"C\") < ($%1$d, $%2$d, $%3$d, $%4$d)")
                    .formatted(n, n + 1, n + 2, n + 3));
        }
        args.add(query.limit());
        String sql = "select * from sync_records"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by updated_at desc, entity_type collate \"C\" desc, entity_id collate \"C\" desc,"
                + " target collate \"C\" desc limit $" + args.size();
        return pool.preparedQuery(sql).execute(Tuple.from(args)).map(PgSyncRecords::views);
    }

    private static void filter(List<String> where, List<Object> args, String condition, Object value) {
        if (value != null) {
            args.add(value);
            where.add(condition.formatted(args.size()));
        }
    }

    /** The text as a LIKE pattern of itself: its wildcards and the escape character stand for themselves. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static SyncLogEntry entry(Row row) {
        String from = row.getString("from_status");
        OffsetDateTime lastAt = row.getOffsetDateTime("last_at");
        return new SyncLogEntry(
                row.getLong("id"),
                RecordStore.key(row),
                row.getOffsetDateTime("at").toInstant(),
                from == null ? null : SyncStatus.fromWire(from),
                SyncStatus.fromWire(row.getString("to_status")),
                row.getString("event"),
                row.getString("message"),
                row.getString("zoho_id"),
                row.getInteger("repeats"),
                lastAt == null ? null : lastAt.toInstant());
    }

    private static Future<Optional<SyncRecordView>> view(io.vertx.sqlclient.SqlClient client, SyncKey key) {
        return client.preparedQuery(FIND)
                .execute(RecordStore.ids(key))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(RecordStore.view(rows.iterator().next())));
    }

    private static List<SyncRecordView> views(io.vertx.sqlclient.RowSet<Row> rows) {
        List<SyncRecordView> views = new ArrayList<>(rows.size());
        rows.forEach(row -> views.add(RecordStore.view(row)));
        return views;
    }
}
