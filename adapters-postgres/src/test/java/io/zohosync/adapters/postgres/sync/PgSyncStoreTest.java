package io.zohosync.adapters.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.Lease;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.TransientFaults;
import io.zohosync.ports.testing.SyncStoreContract;
import io.zohosync.ports.testing.SyncStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sync storage contract, run against the Postgres adapter, and the adapter's batched record store. */
class PgSyncStoreTest extends SyncStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static Vertx vertx;
    private static PostgresAdapters pg;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = await(PostgresAdapters.start(vertx, PostgresFixture.shared().settings()));
    }

    @AfterAll
    static void stop() throws Exception {
        await(pg.close());
        await(vertx.close());
    }

    @Override
    protected List<Logged> log(SyncKey key) throws Exception {
        List<Logged> log = new ArrayList<>();
        await(pg.pool()
                        .preparedQuery("select event, repeats from sync_log where entity_type = $1 and entity_id = $2"
                                + " and target = $3 order by id")
                        .execute(Tuple.of(
                                key.type().wire(), key.entityId(), key.target().wire())))
                .forEach(row -> log.add(new Logged(row.getString("event"), row.getInteger("repeats"))));
        return log;
    }

    @Override
    protected SyncStores stores() {
        return new SyncStores(pg.intake(), pg.entities(), pg.syncJobs(), pg.syncRecords(), pg.syncRecordsReader());
    }

    /**
     * The adapter's own: {@link RecordStore#storeAll} (an intake group's records in one statement, issue 14) stores what
     * {@link RecordStore#store} stores. Two records taken through the same life, one change at a time by each, end
     * with the same record, job and log rows.
     */
    @Test
    void a_record_stored_together_ends_as_one_stored_alone_through_a_whole_life() throws Exception {
        String run = UUID.randomUUID().toString();
        SyncKey alone = new SyncKey(EntityType.CUSTOMER, "alone-" + run, SyncTarget.BOOKS);
        SyncKey together = new SyncKey(EntityType.CUSTOMER, "together-" + run, SyncTarget.BOOKS);
        for (SyncKey key : List.of(alone, together)) {
            await(pg.pool()
                    .preparedQuery("""
                            insert into platform_entities (entity_type, entity_id, version, payload, payload_hash,
                                                           received_at, updated_at)
                            values ($1, $2, 1, '{}', 'h', $3, $3)""")
                    .execute(Tuple.of(key.type().wire(), key.entityId(), RecordStore.utc(T0))));
        }

        SyncState pending = SyncState.pending(T0);
        step(alone, together, Optional.empty(), pending, "registered", T0, true);

        SyncState synced = new SyncState(SyncStatus.SYNCED, 1, T0.plusSeconds(5), null, null, "zoho-1", "created");
        step(alone, together, Optional.of(pending), synced, "synced", T0.plusSeconds(5), true);

        SyncState changed = linked(SyncStatus.PENDING, 0, T0.plusSeconds(60), null, null);
        step(alone, together, Optional.of(synced), changed, "changed", T0.plusSeconds(60), true);

        // a worker's intent mark and lease on both, which the next change must keep and fence out
        for (SyncKey key : List.of(alone, together)) {
            await(pg.pool()
                    .preparedQuery("update sync_records set intent_at = $4"
                            + " where entity_type = $1 and entity_id = $2 and target = $3")
                    .execute(ids(key).addValue(RecordStore.utc(T0.plusSeconds(61)))));
            await(pg.pool()
                    .preparedQuery("update sync_jobs set locked_by = 'worker-1', locked_until = $4"
                            + " where entity_type = $1 and entity_id = $2 and target = $3")
                    .execute(ids(key).addValue(RecordStore.utc(T0.plusSeconds(90)))));
        }

        SyncState retrying = linked(
                SyncStatus.RETRYING,
                2,
                T0.plusSeconds(120),
                "Zoho answered 503",
                new TransientFaults(1, T0.plusSeconds(62)));
        step(alone, together, Optional.of(changed), retrying, "failed_transient", T0.plusSeconds(62), true);

        assertThat(rows("sync_records", together, "entity_id"))
                .isEqualTo(rows("sync_records", alone, "entity_id"))
                .hasSize(1);
        assertThat(rows("sync_jobs", together, "entity_id", "id"))
                .isEqualTo(rows("sync_jobs", alone, "entity_id", "id"))
                .hasSize(1);
        assertThat(rows("sync_log", together, "entity_id", "id"))
                .isEqualTo(rows("sync_log", alone, "entity_id", "id"))
                .hasSize(4);
        assertThat(rows("sync_jobs", together, "entity_id", "id").get(0))
                .as("the leased job, fenced out")
                .contains("\"locked_by\": null", "\"lease_seq\": 1");
        assertThat(rows("sync_records", together, "entity_id").get(0))
                .as("the record keeps its intent mark and its first sync's time")
                .contains(
                        "\"intent_at\": \"2026-11-30T10:01:01+00:00\"", "\"synced_at\": \"2026-11-30T10:00:05+00:00\"");

        // claimed again, left with a wait, then settled: as a worker records its jobs' outcomes together (goal 2)
        SyncState syncing = new SyncState(
                SyncStatus.SYNCING,
                2,
                T0.plusSeconds(120),
                "Zoho answered 503",
                new Lease("worker-2", T0.plusSeconds(300)),
                "zoho-1",
                "retrying",
                false,
                null,
                Origin.CREATED,
                null);
        step(alone, together, Optional.of(retrying), syncing, "claimed", T0.plusSeconds(120), false);
        for (SyncKey key : List.of(alone, together)) {
            await(pg.pool()
                    .preparedQuery("insert into sync_waits (entity_type, entity_id, target, needs_type, needs_id,"
                            + " needs_target, since) values ($1, $2, $3, 'item', 'sku-w', 'books', $4)")
                    .execute(ids(key).addValue(RecordStore.utc(T0.plusSeconds(121)))));
        }
        SyncState updated = new SyncState(
                SyncStatus.SYNCED,
                3,
                T0.plusSeconds(125),
                null,
                null,
                "zoho-1",
                "updated",
                false,
                null,
                Origin.CREATED,
                null);
        step(alone, together, Optional.of(syncing), updated, "updated", T0.plusSeconds(125), true);

        assertThat(rows("sync_records", together, "entity_id"))
                .isEqualTo(rows("sync_records", alone, "entity_id"))
                .hasSize(1);
        assertThat(rows("sync_records", together, "entity_id").get(0))
                .as("a settled record forgets its intent mark and keeps its last sync's time")
                .contains("\"intent_at\": null", "\"synced_at\": \"2026-11-30T10:02:05+00:00\"");
        assertThat(rows("sync_jobs", together, "entity_id", "id")).isEmpty();
        assertThat(rows("sync_jobs", alone, "entity_id", "id")).isEmpty();
        assertThat(rows("sync_waits", together, "entity_id")).isEmpty();
        assertThat(rows("sync_waits", alone, "entity_id")).isEmpty();
        assertThat(rows("sync_log", together, "entity_id", "id"))
                .isEqualTo(rows("sync_log", alone, "entity_id", "id"))
                .hasSize(6);
    }

    /** A queued state of a record created in Zoho as {@code zoho-1}. */
    private static SyncState linked(
            SyncStatus status, int attempts, Instant next, String error, TransientFaults faults) {
        return new SyncState(
                status, attempts, next, error, null, "zoho-1", "changed", false, null, Origin.CREATED, faults);
    }

    /**
     * One change to both records: {@code alone}'s by {@link RecordStore#store}, {@code together}'s by storeAll (queued)
     * or storeAllSettled (settled) when it may.
     */
    private static void step(
            SyncKey alone,
            SyncKey together,
            Optional<SyncState> before,
            SyncState next,
            String event,
            Instant now,
            boolean batched)
            throws Exception {
        RecordStore.Change change = new RecordStore.Change(together, before, next, event, now);
        assertThat(next.isQueued() ? RecordStore.together(change) : RecordStore.settledTogether(change))
                .as("whether %s may be stored together", event)
                .isEqualTo(batched);
        await(pg.pool().withTransaction(conn -> RecordStore.store(conn, alone, before, next, event, now)));
        await(pg.pool()
                .withTransaction((SqlConnection conn) -> !batched
                        ? RecordStore.store(conn, together, before, next, event, now)
                        : next.isQueued()
                                ? RecordStore.storeAll(conn, List.of(change))
                                : RecordStore.storeAllSettled(conn, List.of(change))));
    }

    private static Tuple ids(SyncKey key) {
        return Tuple.of(key.type().wire(), key.entityId(), key.target().wire());
    }

    /** The key's rows of {@code table} as JSON, without the columns that differ by key or by row id. */
    private static List<String> rows(String table, SyncKey key, String... without) throws Exception {
        String minus = String.join(
                " - ", java.util.Arrays.stream(without).map(c -> "'" + c + "'").toList());
        var found = await(pg.pool()
                .preparedQuery("select (to_jsonb(t) - " + minus + ")::text as row from " + table
                        + " t where entity_type = $1 and entity_id = $2 and target = $3 order by "
                        + (table.equals("sync_log") ? "id" : "1"))
                .execute(ids(key)));
        List<String> rows = new ArrayList<>();
        found.forEach(row -> rows.add(row.getString("row")));
        return rows;
    }
}
