package io.zohosync.adapters.postgres.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.MappingQuery.Filter;
import io.zohosync.ports.in.MappingQuery.Mapping;
import io.zohosync.ports.out.ZohoState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The canonical mapping read from sync_records with zoho_states beside each row, by entity and by Zoho id. */
class PgMappingsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");

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

    private static void record(SyncKey key, String status, String zohoId) throws Exception {
        OffsetDateTime at = T0.atOffset(ZoneOffset.UTC);
        await(pg.pool()
                .preparedQuery("insert into sync_records (entity_type, entity_id, target, status, zoho_id, created_at,"
                        + " updated_at) values ($1, $2, $3, $4, $5, $6, $6)")
                .execute(
                        Tuple.of(key.type().wire(), key.entityId(), key.target().wire(), status, zohoId, at)));
    }

    @Test
    void anEntityHasOneRowPerProductWithWhatZohoLastSaid() throws Exception {
        String id = "svc-" + UUID.randomUUID();
        String zohoId = "z-" + UUID.randomUUID();
        SyncKey billing = new SyncKey(EntityType.SUBSCRIPTION, id, SyncTarget.BILLING);
        record(billing, "synced", zohoId);
        record(new SyncKey(EntityType.SUBSCRIPTION, id, SyncTarget.CRM), "pending", null);
        await(pg.zohoStates().mirror(billing, new ZohoState("live", Map.of("plan_code", "FIBRE-50"), T0, "sync")));

        List<Mapping> found = await(pg.mappings().find(new Filter(EntityType.SUBSCRIPTION, id, null, null)));
        assertThat(found).extracting(m -> m.key().target()).containsExactly(SyncTarget.BILLING, SyncTarget.CRM);
        Mapping first = found.get(0);
        assertThat(first.zohoId()).isEqualTo(zohoId);
        assertThat(first.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(first.updatedAt()).isEqualTo(T0);
        assertThat(first.zoho().status()).isEqualTo("live");
        assertThat(first.zoho().details()).containsEntry("plan_code", "FIBRE-50");
        assertThat(found.get(1).zohoId()).isNull();
        assertThat(found.get(1).zoho()).isNull();

        assertThat(await(pg.mappings().find(new Filter(EntityType.SUBSCRIPTION, id, SyncTarget.CRM, null))))
                .extracting(m -> m.key().target())
                .containsExactly(SyncTarget.CRM);
        assertThat(await(pg.mappings().find(new Filter(EntityType.CUSTOMER, id, null, null))))
                .isEmpty();
    }

    @Test
    void aZohoIdFindsTheRecordsLinkedToItWhateverTheirType() throws Exception {
        String zohoId = "z-" + UUID.randomUUID();
        String id = "c-" + UUID.randomUUID();
        record(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BILLING), "manual", zohoId);
        record(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS), "synced", "other-" + zohoId);

        List<Mapping> found = await(pg.mappings().find(new Filter(null, null, null, zohoId)));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).key()).isEqualTo(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BILLING));
        assertThat(found.get(0).status()).isEqualTo(SyncStatus.MANUAL);
        assertThat(await(pg.mappings().find(new Filter(null, null, SyncTarget.BOOKS, zohoId))))
                .isEmpty();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
