package io.zohosync.adapters.postgres.sync;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.DeferCause;
import io.zohosync.domain.sync.Lease;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.TransientFaults;
import io.zohosync.ports.in.SyncRecordView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a sync record's state is kept: the row, its job and its log, all storage of what the state machine
 * decided. The job is the queue's projection of the state: a queued state (pending, retrying, waiting) has an
 * unleased job due at its next run, a syncing one keeps its worker's lease, a settled one has none.
 *
 * <p>Locking: every path that may wait for a record first takes a transaction-scoped advisory lock on its key
 * ({@link #lockKey}; it exists even before the job or the record does), then the rows; a transaction that
 * locks several keys takes them in (type, id, target) order. So waiting paths take turns per key and never
 * meet in opposite orders. Paths that must not wait — claims and lease rescue — take job and record with
 * SKIP LOCKED, so they pass over a record someone holds.
 */
public final class RecordStore {

    static final String COLUMNS = "r.*, j.locked_by, j.locked_until";
    /** A record's advisory lock by its key: taken before the record's row, by every writer of records. */
    private static final String LOCK_KEY =
            "select pg_advisory_xact_lock(hashtextextended('zsync-record/' || $1 || '/' || $2 || '/' || $3, 0))";
    /** Several records' advisory locks ({@link #keyArrays}), taken in the order given. */
    private static final String LOCK_KEYS = """
            select pg_advisory_xact_lock(hashtextextended('zsync-record/' || t || '/' || i || '/' || g, 0))
            from unnest($1::text[], $2::text[], $3::text[]) as u(t, i, g)""";
    /** The order a transaction that locks several keys takes them in. */
    private static final Comparator<SyncKey> KEY_ORDER = Comparator.comparing(
                    (SyncKey key) -> key.type().wire())
            .thenComparing(SyncKey::entityId)
            .thenComparing(key -> key.target().wire());
    /** The record and its job, the record's row locked. */
    private static final String LOCK_RECORD = """
            select r.*, j.locked_by, j.locked_until from sync_records r
            left join sync_jobs j using (entity_type, entity_id, target)
            where r.entity_type = $1 and r.entity_id = $2 and r.target = $3
            for update of r""";
    /** A record's upsert: the columns a new state sets on the record it replaces. */
    private static final String UPDATE_RECORD = """
            on conflict (entity_type, entity_id, target) do update set
                status = excluded.status, zoho_id = excluded.zoho_id, attempts = excluded.attempts,
                last_error = excluded.last_error, next_run_at = excluded.next_run_at, reason = excluded.reason,
                dirty = excluded.dirty, deferred_for = excluded.deferred_for, origin = excluded.origin,
                transient_faults = excluded.transient_faults, transient_since = excluded.transient_since,
                updated_at = excluded.updated_at, synced_at = coalesce(excluded.synced_at, r.synced_at),
                intent_at = case when excluded.status in ('synced', 'manual') then null else r.intent_at end""";
    /** A queued job's upsert: unleased, due at the state's next run; a fresh lease sequence fences out an old worker. */
    private static final String UPDATE_JOB = """
            on conflict (entity_type, entity_id, target) do update set
                locked_by = null, locked_until = null, lease_seq = sync_jobs.lease_seq + 1,
                priority = excluded.priority, run_at = excluded.run_at, updated_at = excluded.updated_at""";
    /**
     * The record, its job and its log row in one statement. A deferral ({@code deferred_…}) the record's latest log
     * row already tells is counted on that row ({@code repeats}, {@code last_at}) instead of logged again: a record
     * deferred a thousand times is one row (issue 13, defect 3). ({@code %s}: the job's part, by the state's kind).
     * $1–$3 the key, $4–$12 the state, $13 now, $14 the status before, $15 the event, $16–$17 the state's
     * transient faults; $18–$19 the job's priority and run time when the state is queued.
     */
    private static final String STORE = """
            with rec as (
                insert into sync_records as r (entity_type, entity_id, target, status, zoho_id, attempts, last_error,
                                               next_run_at, reason, dirty, deferred_for, origin, created_at, updated_at,
                                               synced_at, transient_faults, transient_since)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13,
                        case when $4::text in ('synced', 'manual') then $13::timestamptz end, $16, $17)
                %s
                returning 1
            ), latest as (
                select id, event, to_status from sync_log
                 where entity_type = $1 and entity_id = $2 and target = $3 order by id desc limit 1
            ), repeated as (
                update sync_log l set repeats = l.repeats + 1, last_at = $13, message = $9, zoho_id = $5
                  from latest
                 where l.id = latest.id and latest.event = $15 and latest.to_status = $4
                   and left($15, 9) = 'deferred_'
                returning 1
            ), logged as (
                insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message, zoho_id)
                select $1, $2, $3, $13, $14::text, $4, $15, $9, $5 where not exists (select 1 from repeated)
            )%%s
            select 1""".formatted(UPDATE_RECORD);
    /** A queued state's job. */
    private static final String QUEUED_JOB = """
            , job as (
                insert into sync_jobs (entity_type, entity_id, target, priority, run_at, created_at, updated_at)
                values ($1, $2, $3, $18, $19, $13, $13)
                %s
            )""".formatted(UPDATE_JOB);
    /** A settled state has no job. */
    private static final String SETTLED_JOB = """
            , job as (
                delete from sync_jobs where entity_type = $1 and entity_id = $2 and target = $3
            )""";
    /** What a record that waited (or was claimed from waiting) and waits no more leaves behind: in the same statement. */
    private static final String WAITS_DROPPED = """
            , waits as (
                delete from sync_waits where entity_type = $1 and entity_id = $2 and target = $3
            )""";

    /** A record stored queued, syncing (its worker's lease kept) or settled; the _UNWAITING ones drop its waits too. */
    private static final String STORE_QUEUED = STORE.formatted(QUEUED_JOB);

    private static final String STORE_QUEUED_UNWAITING = STORE.formatted(QUEUED_JOB + WAITS_DROPPED);
    private static final String STORE_SYNCING = STORE.formatted("");
    private static final String STORE_SYNCING_UNWAITING = STORE.formatted(WAITS_DROPPED);
    private static final String STORE_SETTLED = STORE.formatted(SETTLED_JOB);
    private static final String STORE_SETTLED_UNWAITING = STORE.formatted(SETTLED_JOB + WAITS_DROPPED);

    /**
     * STORE for many records at once, each with its own log row: the records, the log rows and ({@code %s}) their jobs.
     * $1–$19 are arrays of STORE's parameters, one element per record.
     */
    private static final String STORE_ALL = """
            with v as (
                select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
                                     $7::text[], $8::timestamptz[], $9::text[], $10::bool[], $11::text[], $12::text[],
                                     $13::timestamptz[], $14::text[], $15::text[], $16::int[], $17::timestamptz[],
                                     $18::int[], $19::timestamptz[])
                    with ordinality as v(entity_type, entity_id, target, status, zoho_id, attempts, last_error,
                                         next_run_at, reason, dirty, deferred_for, origin, now, from_status, event,
                                         transient_faults, transient_since, priority, run_at, n)
            ), rec as (
                insert into sync_records as r (entity_type, entity_id, target, status, zoho_id, attempts, last_error,
                                               next_run_at, reason, dirty, deferred_for, origin, created_at, updated_at,
                                               synced_at, transient_faults, transient_since)
                select entity_type, entity_id, target, status, zoho_id, attempts, last_error, next_run_at, reason,
                       dirty, deferred_for, origin, now, now,
                       case when status in ('synced', 'manual') then now end, transient_faults, transient_since
                  from v order by n
                %s
                returning 1
            ), logged as (
                insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message, zoho_id)
                select entity_type, entity_id, target, now, from_status, status, event, reason, zoho_id from v order by n
            )%%s
            select 1""".formatted(UPDATE_RECORD);

    /**
     * {@link #STORE_QUEUED} for many records at once (issue 14, goal 1: an intake group's new and changed records);
     * only for changes {@link #together} allows, which no deferral repeats and no wait outlives.
     */
    private static final String STORE_ALL_QUEUED = STORE_ALL.formatted("""
            , job as (
                insert into sync_jobs (entity_type, entity_id, target, priority, run_at, created_at, updated_at)
                select entity_type, entity_id, target, priority, run_at, now, now from v order by n
                %s
            )""".formatted(UPDATE_JOB));

    /**
     * {@link #STORE_SETTLED_UNWAITING} for many records at once (issue 14, goal 2: the outcomes a worker records
     * together); only for changes {@link #settledTogether} allows.
     */
    private static final String STORE_ALL_SETTLED = STORE_ALL.formatted("""
            , job as (
                delete from sync_jobs j using v
                 where j.entity_type = v.entity_type and j.entity_id = v.entity_id and j.target = v.target
            ), waits as (
                delete from sync_waits w using v
                 where w.entity_type = v.entity_type and w.entity_id = v.entity_id and w.target = v.target
            )""");

    private static final String DROP_WAITS =
            "delete from sync_waits where entity_type = $1 and entity_id = $2 and target = $3";
    private static final String WAIT = """
            insert into sync_waits (entity_type, entity_id, target, needs_type, needs_id, needs_target, since)
            values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing""";
    private static final String LOG = """
            insert into sync_log (entity_type, entity_id, target, at, from_status, to_status, event, message, zoho_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private RecordStore() {}

    /** The record's state, its job and then the record locked for the transaction; empty when there is no record. */
    public static Future<Optional<SyncState>> lock(SqlConnection conn, SyncKey key) {
        Tuple ids = ids(key);
        return lockKey(conn, key)
                .compose(x -> conn.preparedQuery(LOCK_RECORD).execute(ids))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(state(rows.iterator().next())));
    }

    /** The key's advisory lock, held until the transaction ends: the first thing a waiting path takes. */
    static Future<Void> lockKey(SqlConnection conn, SyncKey key) {
        return conn.preparedQuery(LOCK_KEY).execute(ids(key)).mapEmpty();
    }

    /** The keys, each once, in the order a transaction that locks several takes them ((type, id, target)). */
    public static List<SyncKey> inLockOrder(Collection<SyncKey> keys) {
        return keys.stream().distinct().sorted(KEY_ORDER).toList();
    }

    /** The keys' advisory locks, held until the transaction ends; {@code ordered} as {@link #inLockOrder} gives them. */
    public static Future<Void> lockKeys(SqlConnection conn, List<SyncKey> ordered) {
        return conn.preparedQuery(LOCK_KEYS).execute(keyArrays(ordered)).mapEmpty();
    }

    /** The keys as the three arrays the batched statements take: types, ids, targets ($1–$3). */
    public static Tuple keyArrays(List<SyncKey> keys) {
        return Tuple.of(
                keys.stream().map(k -> k.type().wire()).toArray(String[]::new),
                keys.stream().map(SyncKey::entityId).toArray(String[]::new),
                keys.stream().map(k -> k.target().wire()).toArray(String[]::new));
    }

    /** Stores {@code next} with its job and a log row; {@code before} is empty for a new record. */
    public static Future<Void> store(
            SqlConnection conn, SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now) {
        List<Object> args = new ArrayList<>(List.of(
                key.type().wire(),
                key.entityId(),
                key.target().wire(),
                next.status().wire()));
        args.addAll(Arrays.asList(
                next.zohoId(),
                next.attempts(),
                next.lastError(),
                next.isQueued() ? utc(next.nextRunAt()) : null,
                next.reason(),
                next.dirty(),
                wire(next.deferredFor()),
                wire(next.origin()),
                utc(now),
                before.map(s -> s.status().wire()).orElse(null),
                event,
                next.transientFaults() == null ? 0 : next.transientFaults().count(),
                next.transientFaults() == null
                        ? null
                        : utc(next.transientFaults().since())));
        // a waiting record's waits are replaced by waitFor; any other forgets them (if it may have had any)
        boolean unwaiting = next.status() != SyncStatus.WAITING && mayWait(before);
        String sql = switch (next.status()) {
            case PENDING, RETRYING, WAITING -> {
                args.add(key.type().priority());
                args.add(utc(next.nextRunAt()));
                yield unwaiting ? STORE_QUEUED_UNWAITING : STORE_QUEUED;
            }
            case SYNCING -> unwaiting ? STORE_SYNCING_UNWAITING : STORE_SYNCING;
            case SYNCED, FAILED, SKIPPED, MANUAL -> unwaiting ? STORE_SETTLED_UNWAITING : STORE_SETTLED;
        };
        return conn.preparedQuery(sql).execute(Tuple.from(args)).mapEmpty();
    }

    /** A state to store ({@link #store}'s arguments). */
    public record Change(SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now) {}

    /**
     * Whether {@link #storeAll} may store the change: a pending or retrying state, which keeps no deferral to count
     * on its last log row and leaves no waits behind.
     */
    public static boolean together(Change change) {
        return (change.next().status() == SyncStatus.PENDING || change.next().status() == SyncStatus.RETRYING)
                && !change.event().startsWith("deferred_")
                && !mayWait(change.before());
    }

    /**
     * Whether {@link #storeAllSettled} may store the change: a settled state (synced, failed, skipped, manual), which
     * keeps no deferral to count on its last log row; its waits, if any, go with its job.
     */
    public static boolean settledTogether(Change change) {
        return !change.next().isQueued() && !change.event().startsWith("deferred_");
    }

    /** Stores every change, each as {@link #store} would, in one statement; each must be one {@link #together} allows. */
    public static Future<Void> storeAll(SqlConnection conn, List<Change> changes) {
        return conn.preparedQuery(STORE_ALL_QUEUED)
                .execute(Tuple.from(columns(changes, RecordStore::together)))
                .mapEmpty();
    }

    /**
     * Stores every change, each as {@link #store} would, in one statement; each must be one {@link #settledTogether}
     * allows.
     */
    public static Future<Void> storeAllSettled(SqlConnection conn, List<Change> changes) {
        return conn.preparedQuery(STORE_ALL_SETTLED)
                .execute(Tuple.from(columns(changes, RecordStore::settledTogether)))
                .mapEmpty();
    }

    /** The changes' columns: STORE's parameters $1–$19, each an array with one element per change. */
    private static Object[] columns(List<Change> changes, Predicate<Change> allowed) {
        int n = changes.size();
        String[] types = new String[n], ids = new String[n], targets = new String[n], statuses = new String[n];
        String[] zohoIds = new String[n], errors = new String[n], reasons = new String[n], deferred = new String[n];
        String[] origins = new String[n], before = new String[n], events = new String[n];
        Integer[] attempts = new Integer[n], faults = new Integer[n], priorities = new Integer[n];
        OffsetDateTime[] nextRuns = new OffsetDateTime[n],
                nows = new OffsetDateTime[n],
                faultsSince = new OffsetDateTime[n];
        Boolean[] dirty = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Change change = changes.get(i);
            if (!allowed.test(change)) {
                throw new IllegalArgumentException("not a change to store together: " + change.key());
            }
            SyncState next = change.next();
            types[i] = change.key().type().wire();
            ids[i] = change.key().entityId();
            targets[i] = change.key().target().wire();
            statuses[i] = next.status().wire();
            zohoIds[i] = next.zohoId();
            attempts[i] = next.attempts();
            errors[i] = next.lastError();
            nextRuns[i] = next.isQueued() ? utc(next.nextRunAt()) : null;
            reasons[i] = next.reason();
            dirty[i] = next.dirty();
            deferred[i] = wire(next.deferredFor());
            origins[i] = wire(next.origin());
            nows[i] = utc(change.now());
            before[i] = change.before().map(s -> s.status().wire()).orElse(null);
            events[i] = change.event();
            faults[i] =
                    next.transientFaults() == null ? 0 : next.transientFaults().count();
            faultsSince[i] = next.transientFaults() == null
                    ? null
                    : utc(next.transientFaults().since());
            priorities[i] = change.key().type().priority();
        }
        return new Object[] {
            types,
            ids,
            targets,
            statuses,
            zohoIds,
            attempts,
            errors,
            nextRuns,
            reasons,
            dirty,
            deferred,
            origins,
            nows,
            before,
            events,
            faults,
            faultsSince,
            priorities,
            nextRuns
        };
    }

    /** Only a waiting record, or one claimed from waiting, has waits to forget. */
    private static boolean mayWait(Optional<SyncState> before) {
        return before.map(s -> s.status() == SyncStatus.WAITING || s.status() == SyncStatus.SYNCING)
                .orElse(false);
    }

    /** Replaces what a waiting record waits on. */
    static Future<Void> waitFor(SqlConnection conn, SyncKey key, List<SyncKey> prerequisites, Instant now) {
        if (prerequisites.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> rows = prerequisites.stream()
                .map(p -> Tuple.of(
                        key.type().wire(),
                        key.entityId(),
                        key.target().wire(),
                        p.type().wire(),
                        p.entityId(),
                        p.target().wire(),
                        utc(now)))
                .toList();
        return conn.preparedQuery(DROP_WAITS)
                .execute(ids(key))
                .compose(x -> conn.preparedQuery(WAIT).executeBatch(rows))
                .mapEmpty();
    }

    /** A log row; {@code from} is null for a new record. */
    public static Future<Void> log(
            SqlConnection conn,
            SyncKey key,
            SyncStatus from,
            SyncState state,
            String event,
            String message,
            Instant now) {
        return conn.preparedQuery(LOG)
                .execute(Tuple.from(new Object[] {
                    key.type().wire(),
                    key.entityId(),
                    key.target().wire(),
                    utc(now),
                    from == null ? null : from.wire(),
                    state.status().wire(),
                    event,
                    message,
                    state.zohoId()
                }))
                .mapEmpty();
    }

    public static SyncKey key(Row row) {
        return new SyncKey(
                EntityType.fromWire(row.getString("entity_type")),
                row.getString("entity_id"),
                SyncTarget.fromWire(row.getString("target")));
    }

    /** A record row (with its job's {@code locked_by} and {@code locked_until}) as the domain's state. */
    public static SyncState state(Row row) {
        SyncStatus status = SyncStatus.fromWire(row.getString("status"));
        Lease lease = null;
        if (status == SyncStatus.SYNCING) {
            // a syncing record whose job holds no lease (it should not happen) counts as expired since its last change
            String owner = row.getString("locked_by");
            OffsetDateTime until = row.getOffsetDateTime("locked_until");
            lease = new Lease(
                    owner == null ? "nobody" : owner,
                    (until == null ? row.getOffsetDateTime("updated_at") : until).toInstant());
        }
        OffsetDateTime next = row.getOffsetDateTime("next_run_at");
        String reason = row.getString("reason");
        OffsetDateTime faultsSince = row.getOffsetDateTime("transient_since");
        return new SyncState(
                status,
                row.getInteger("attempts"),
                next == null ? row.getOffsetDateTime("updated_at").toInstant() : next.toInstant(),
                row.getString("last_error"),
                lease,
                row.getString("zoho_id"),
                reason == null ? "" : reason,
                Boolean.TRUE.equals(row.getBoolean("dirty")),
                enumOf(DeferCause.class, row.getString("deferred_for")),
                enumOf(Origin.class, row.getString("origin")),
                faultsSince == null
                        ? null
                        : new TransientFaults(row.getInteger("transient_faults"), faultsSince.toInstant()));
    }

    public static SyncRecordView view(Row row) {
        return new SyncRecordView(
                key(row),
                SyncStatus.fromWire(row.getString("status")),
                row.getString("zoho_id"),
                row.getInteger("attempts"),
                row.getString("last_error"),
                row.getString("reason"),
                instant(row.getOffsetDateTime("next_run_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    static Tuple ids(SyncKey key) {
        return Tuple.of(key.type().wire(), key.entityId(), key.target().wire());
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        return wire == null ? null : Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
    }
}
