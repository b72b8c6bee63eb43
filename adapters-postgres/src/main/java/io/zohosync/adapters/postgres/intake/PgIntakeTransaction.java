package io.zohosync.adapters.postgres.intake;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
    /** The entity's key, locked even before its first row exists, so two first arrivals of one entity take turns. */
    private static final String LOCK_ENTITY_KEY =
            "select pg_advisory_xact_lock(hashtextextended('zsync-entity/' || $1 || '/' || $2, 0))";

    private static final String LOCK_ENTITY = PgIntake.FIND + " for update";
    private static final String SAVE_ENTITY = """
            insert into platform_entities (entity_type, entity_id, version, payload, payload_hash, received_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (entity_type, entity_id) do update set
                version = excluded.version, payload = excluded.payload, payload_hash = excluded.payload_hash,
                updated_at = excluded.updated_at""";
    private static final String AWAITED =
            "select distinct needs_target from sync_waits where needs_type = $1 and needs_id = $2";
    private static final String RECORDS = """
            select r.*, j.locked_by, j.locked_until from sync_records r
            left join sync_jobs j using (entity_type, entity_id, target)
            where r.entity_type = $1 and r.entity_id = $2""";

    private static final String PUBLISH = """
            insert into platform_outbox (event_type, stream_key, payload, occurred_at, created_at, next_attempt_at)
            values ($1, $2, $3, $4, now(), now())""";

    private static final String LINKED = """
            select entity_id from sync_records where entity_type = $1 and target = $2 and zoho_id = $3
            order by entity_id limit 1""";

    private final SqlConnection conn;

    PgIntakeTransaction(SqlConnection conn) {
        this.conn = conn;
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
        // both sent at once (pipelined): the connection runs them in order, so the row is read under the key's lock
        Future<?> key =
                conn.preparedQuery(LOCK_ENTITY_KEY).execute(Tuple.of(ref.type().wire(), ref.id()));
        Future<Optional<StoredEntity>> row = PgIntake.find(conn, LOCK_ENTITY, ref);
        return key.compose(x -> row);
    }

    @Override
    public Future<Void> saveEntity(StoredEntity entity, Instant now) {
        return conn.preparedQuery(SAVE_ENTITY)
                .execute(PgIntake.save(entity, now))
                .mapEmpty();
    }

    @Override
    public Future<Optional<SyncState>> lockRecord(SyncKey key) {
        // RecordStore.lock's two statements, sent at once (pipelined): run in order, the key's lock first
        Tuple ids = Tuple.of(key.type().wire(), key.entityId(), key.target().wire());
        Future<?> locked = conn.preparedQuery(RecordStore.LOCK_KEY).execute(ids);
        Future<Optional<SyncState>> row = conn.preparedQuery(RecordStore.LOCK_RECORD)
                .execute(ids)
                .map(rows -> rows.size() == 0
                        ? Optional.<SyncState>empty()
                        : Optional.of(RecordStore.state(rows.iterator().next())));
        return locked.compose(x -> row);
    }

    @Override
    public Future<Void> storeRecord(
            SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now) {
        return RecordStore.store(conn, key, before, next, event, now);
    }

    @Override
    public Future<Void> note(SyncKey key, SyncState state, String event, String message, Instant now) {
        return RecordStore.log(conn, key, state.status(), state, event, message, now);
    }

    @Override
    public Future<Set<SyncTarget>> awaitedAt(EntityRef ref) {
        return conn.preparedQuery(AWAITED)
                .execute(Tuple.of(ref.type().wire(), ref.id()))
                .map(rows -> {
                    Set<SyncTarget> targets = EnumSet.noneOf(SyncTarget.class);
                    rows.forEach(row -> targets.add(SyncTarget.fromWire(row.getString("needs_target"))));
                    return targets;
                });
    }

    @Override
    public Future<Map<SyncTarget, SyncState>> records(EntityRef ref) {
        return conn.preparedQuery(RECORDS)
                .execute(Tuple.of(ref.type().wire(), ref.id()))
                .map(rows -> {
                    Map<SyncTarget, SyncState> records = new EnumMap<>(SyncTarget.class);
                    for (Row row : rows) {
                        records.put(RecordStore.key(row).target(), RecordStore.state(row));
                    }
                    return records;
                });
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
}
