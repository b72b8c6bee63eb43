package io.zohosync.adapters.postgres.intake;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.entity.JsonValues;
import io.zohosync.adapters.postgres.states.PgZohoStates;
import io.zohosync.adapters.postgres.stock.PgStockRows;
import io.zohosync.adapters.postgres.sync.RecordStore;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.StockRows;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.ZohoState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One intake transaction on one connection. */
final class PgIntakeTransaction implements IntakeTransaction {

    private static final String CLAIM_EVENT = """
            insert into inbound_events (provider, event_id, payload_hash, entity_type, entity_id, received_at)
            values ($1, $2, $3, $4, $5, $6) on conflict do nothing""";
    private static final String KNOWN_EVENT =
            "select payload_hash from inbound_events where provider = $1 and event_id = $2";
    /**
     * The steps' statements, each over many keys ({@link Steps}): $1, $2 (and $3) arrays of keys, one element each in
     * a transaction of its own. The keys' advisory locks are taken even before their first rows exist, so two first
     * arrivals of one entity or record take turns. Each
     * key is looked up in a LATERAL subquery that cannot be pulled up ({@code offset 0}), so the plan is an index probe
     * per key whatever the statistics say: a plan cached while a table was empty or never analyzed would otherwise
     * hash-join a scan of the whole table on every group.
     */
    private static final String LOCK_ENTITY_KEYS = """
            select pg_advisory_xact_lock(hashtextextended('zsync-entity/' || t || '/' || i, 0))
            from unnest($1::text[], $2::text[]) as u(t, i)""";

    static final String LOCK_ENTITIES = """
            select p.* from unnest($1::text[], $2::text[]) as u(t, i)
            cross join lateral (
                select * from platform_entities where entity_type = u.t and entity_id = u.i offset 0 for update) p""";
    private static final String SAVE_ENTITIES = """
            insert into platform_entities (entity_type, entity_id, version, payload, payload_hash, received_at, updated_at)
            select t, i, v, p::jsonb, h, r, u
            from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
                as e(t, i, v, p, h, r, u)
            on conflict (entity_type, entity_id) do update set
                version = excluded.version, payload = excluded.payload, payload_hash = excluded.payload_hash,
                updated_at = excluded.updated_at""";
    static final String AWAITED_ALL = """
            select distinct w.* from unnest($1::text[], $2::text[]) as u(t, i)
            cross join lateral (
                select needs_type, needs_id, needs_target from sync_waits
                where needs_type = u.t and needs_id = u.i offset 0) w""";
    /** A record's job's lease, by the record {@code r} before it. */
    private static final String JOB_LEASE = """
            left join lateral (
                select locked_by, locked_until from sync_jobs
                where entity_type = r.entity_type and entity_id = r.entity_id and target = r.target offset 0) j on true""";

    static final String RECORDS_ALL = """
            select r.*, j.locked_by, j.locked_until from unnest($1::text[], $2::text[]) as u(t, i)
            cross join lateral (select * from sync_records where entity_type = u.t and entity_id = u.i offset 0) r
            """ + JOB_LEASE;
    static final String LOCK_RECORDS = """
            select r.*, j.locked_by, j.locked_until from unnest($1::text[], $2::text[], $3::text[]) as u(t, i, g)
            cross join lateral (
                select * from sync_records where entity_type = u.t and entity_id = u.i and target = u.g
                offset 0 for update) r
            """ + JOB_LEASE;

    private static final String PUBLISH = """
            insert into platform_outbox (event_type, stream_key, payload, occurred_at, created_at, next_attempt_at)
            values ($1, $2, $3, $4, now(), now())""";

    private static final String LINKED = """
            select entity_id from sync_records where entity_type = $1 and target = $2 and zoho_id = $3
            order by entity_id limit 1""";

    private final SqlConnection conn;
    private final Batched batched;

    /** A transaction of its own: every step is sent alone, a batch of one. */
    PgIntakeTransaction(SqlConnection conn) {
        this(conn, new Steps(null));
    }

    private PgIntakeTransaction(SqlConnection conn, Steps steps) {
        this.conn = conn;
        this.batched = new Batched(steps);
    }

    /**
     * A group's shared transaction: the steps its members take at one moment go to PostgreSQL as one statement
     * each (see {@link Steps}); a member's steps still run in the order it takes them.
     */
    static PgIntakeTransaction shared(SqlConnection conn, Context context) {
        return new PgIntakeTransaction(conn, new Steps(context));
    }

    /** The connection the transaction runs on (for tests that look at which transaction work ran in). */
    SqlConnection connection() {
        return conn;
    }

    @Override
    public Future<Optional<String>> claimEvent(
            String provider, String eventId, String payloadHash, EntityRef entity, Instant now) {
        return conn.preparedQuery(CLAIM_EVENT)
                .execute(Tuple.of(provider, eventId, payloadHash, entity.type().wire(), entity.id(), utc(now)))
                .compose(rows -> rows.rowCount() == 1
                        ? Future.succeededFuture(Optional.<String>empty())
                        : conn.preparedQuery(KNOWN_EVENT)
                                .execute(Tuple.of(provider, eventId))
                                .map(known ->
                                        Optional.of(known.iterator().next().getString("payload_hash"))));
    }

    @Override
    public Future<Optional<StoredEntity>> lockEntity(EntityRef ref) {
        return batched.lockEntity.ask(ref);
    }

    @Override
    public Future<Void> saveEntity(StoredEntity entity, Instant now) {
        return batched.saveEntity.ask(new Saved(entity, now));
    }

    @Override
    public Future<Optional<SyncState>> lockRecord(SyncKey key) {
        return batched.lockRecord.ask(key);
    }

    @Override
    public Future<Void> storeRecord(
            SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now) {
        RecordStore.Change change = new RecordStore.Change(key, before, next, event, now);
        if (RecordStore.together(change)) {
            return batched.storeRecord.ask(change);
        }
        return RecordStore.store(conn, key, before, next, event, now);
    }

    @Override
    public Future<Void> note(SyncKey key, SyncState state, String event, String message, Instant now) {
        return RecordStore.log(conn, key, state.status(), state, event, message, now);
    }

    @Override
    public Future<Set<SyncTarget>> awaitedAt(EntityRef ref) {
        return batched.awaitedAt.ask(ref);
    }

    @Override
    public Future<Map<SyncTarget, SyncState>> records(EntityRef ref) {
        return batched.records.ask(ref);
    }

    @Override
    public Future<Void> publish(PlatformMessage message) {
        return conn.preparedQuery(PUBLISH)
                .execute(Tuple.of(
                        message.type(),
                        message.stream(),
                        new JsonObject(new LinkedHashMap<>(message.data())),
                        utc(message.occurredAt())))
                .mapEmpty();
    }

    @Override
    public Future<Boolean> mirror(SyncKey key, ZohoState state) {
        return new PgZohoStates(conn).mirror(key, state);
    }

    @Override
    public Future<Optional<EntityRef>> linkedEntity(EntityType type, SyncTarget target, String zohoId) {
        return conn.preparedQuery(LINKED)
                .execute(Tuple.of(type.wire(), target.wire(), zohoId))
                .map(rows -> rows.size() == 0
                        ? Optional.<EntityRef>empty()
                        : Optional.of(new EntityRef(type, rows.iterator().next().getString("entity_id"))));
    }

    @Override
    public StockRows stock() {
        return new PgStockRows(conn);
    }

    private record Saved(StoredEntity entity, Instant now) {}

    private static final Comparator<EntityRef> ENTITY_ORDER =
            Comparator.comparing((EntityRef ref) -> ref.type().wire()).thenComparing(EntityRef::id);

    /** The steps, each one statement (two for the locks) over every key asked for together. */
    private final class Batched {

        final Steps.Step<EntityRef, Optional<StoredEntity>> lockEntity;
        final Steps.Step<Saved, Void> saveEntity;
        final Steps.Step<EntityRef, Set<SyncTarget>> awaitedAt;
        final Steps.Step<EntityRef, Map<SyncTarget, SyncState>> records;
        final Steps.Step<SyncKey, Optional<SyncState>> lockRecord;
        final Steps.Step<RecordStore.Change, Void> storeRecord;

        Batched(Steps steps) {
            lockEntity = steps.step(this::lockEntities);
            saveEntity = steps.step(this::saveEntities);
            awaitedAt = steps.step(this::awaited);
            records = steps.step(this::records);
            lockRecord = steps.step(this::lockRecords);
            storeRecord = steps.step(changes ->
                    RecordStore.storeAll(conn, changes).map(x -> Collections.<Void>nCopies(changes.size(), null)));
        }

        private Future<List<Optional<StoredEntity>>> lockEntities(List<EntityRef> refs) {
            // both sent at once (pipelined): the rows are read under the keys' locks, taken in the keys' order (type,
            // id), whatever order the members asked in: every group takes the locks it shares with another in one order
            Tuple keys =
                    entityKeys(refs.stream().distinct().sorted(ENTITY_ORDER).toList());
            Future<?> locked = conn.preparedQuery(LOCK_ENTITY_KEYS).execute(keys);
            Future<RowSet<Row>> rows = conn.preparedQuery(LOCK_ENTITIES).execute(keys);
            return locked.compose(x -> rows).map(found -> {
                Map<EntityRef, StoredEntity> stored = new HashMap<>();
                found.forEach(row -> {
                    StoredEntity entity = PgIntake.entity(row);
                    stored.put(entity.ref(), entity);
                });
                return refs.stream()
                        .map(ref -> Optional.ofNullable(stored.get(ref)))
                        .toList();
            });
        }

        private Future<List<Void>> saveEntities(List<Saved> saved) {
            int n = saved.size();
            String[] types = new String[n], ids = new String[n], payloads = new String[n], hashes = new String[n];
            Integer[] versions = new Integer[n];
            OffsetDateTime[] received = new OffsetDateTime[n], updated = new OffsetDateTime[n];
            for (int i = 0; i < n; i++) {
                StoredEntity entity = saved.get(i).entity();
                types[i] = entity.ref().type().wire();
                ids[i] = entity.ref().id();
                versions[i] = entity.version();
                payloads[i] = JsonValues.json(entity.payload()).encode();
                hashes[i] = entity.payloadHash();
                received[i] = utc(entity.receivedAt());
                updated[i] = utc(saved.get(i).now());
            }
            return conn.preparedQuery(SAVE_ENTITIES)
                    .execute(Tuple.from(new Object[] {types, ids, versions, payloads, hashes, received, updated}))
                    .map(x -> Collections.nCopies(n, null));
        }

        private Future<List<Set<SyncTarget>>> awaited(List<EntityRef> refs) {
            return conn.preparedQuery(AWAITED_ALL).execute(entityKeys(refs)).map(rows -> {
                Map<EntityRef, Set<SyncTarget>> targets = new HashMap<>();
                rows.forEach(row -> targets.computeIfAbsent(
                                new EntityRef(
                                        EntityType.fromWire(row.getString("needs_type")), row.getString("needs_id")),
                                x -> EnumSet.noneOf(SyncTarget.class))
                        .add(SyncTarget.fromWire(row.getString("needs_target"))));
                return refs.stream()
                        .map(ref -> targets.getOrDefault(ref, EnumSet.noneOf(SyncTarget.class)))
                        .toList();
            });
        }

        private Future<List<Map<SyncTarget, SyncState>>> records(List<EntityRef> refs) {
            return conn.preparedQuery(RECORDS_ALL).execute(entityKeys(refs)).map(rows -> {
                Map<EntityRef, Map<SyncTarget, SyncState>> records = new HashMap<>();
                for (Row row : rows) {
                    SyncKey key = RecordStore.key(row);
                    records.computeIfAbsent(
                                    new EntityRef(key.type(), key.entityId()), x -> new EnumMap<>(SyncTarget.class))
                            .put(key.target(), RecordStore.state(row));
                }
                return refs.stream()
                        .map(ref -> records.getOrDefault(ref, new EnumMap<>(SyncTarget.class)))
                        .toList();
            });
        }

        private Future<List<Optional<SyncState>>> lockRecords(List<SyncKey> keys) {
            // as lockRecord: the keys' locks first, in (type, id, target) order as RecordStore asks of a transaction
            // that locks several, then the rows, sent at once (pipelined)
            List<SyncKey> ordered = RecordStore.inLockOrder(keys);
            Future<?> locked = RecordStore.lockKeys(conn, ordered);
            Future<RowSet<Row>> rows = conn.preparedQuery(LOCK_RECORDS).execute(RecordStore.keyArrays(ordered));
            return locked.compose(x -> rows).map(found -> {
                Map<SyncKey, SyncState> states = new HashMap<>();
                found.forEach(row -> states.put(RecordStore.key(row), RecordStore.state(row)));
                return keys.stream()
                        .map(key -> Optional.ofNullable(states.get(key)))
                        .toList();
            });
        }

        private Tuple entityKeys(List<EntityRef> refs) {
            return Tuple.from(new Object[] {
                refs.stream().map(ref -> ref.type().wire()).toArray(String[]::new),
                refs.stream().map(EntityRef::id).toArray(String[]::new)
            });
        }
    }
}
