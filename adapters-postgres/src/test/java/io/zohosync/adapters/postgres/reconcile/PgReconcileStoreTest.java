package io.zohosync.adapters.postgres.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.reconcile.DriftKind;
import io.zohosync.domain.reconcile.Repair;
import io.zohosync.domain.sync.Origin;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.out.ReconcileStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports and drifts stored, counted, paged and repaired; the records compared read with their entities. */
class PgReconcileStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-30T05:00:00Z");

    private Vertx vertx;
    private Pool pool;
    private ReconcileStore store;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        pool = PostgresAdapters.pool(vertx, PostgresFixture.shared().newDatabase());
        store = new PgReconcileStore(pool);
    }

    @AfterEach
    void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void aReportIsOpenedFilledClosedPagedAndRepaired() throws Exception {
        assertThat(await(store.latestEnded())).isEmpty();
        long id = await(store.open(List.of(EntityType.CUSTOMER, EntityType.PAYMENT), T0));
        await(store.addDrifts(
                id,
                List.of(
                        found("c-1", new Drift(DriftKind.MISSING_IN_ZOHO, Repair.RESEND, true, "46", "gone", Map.of())),
                        found(
                                "c-2",
                                new Drift(
                                        DriftKind.FIELDS_DIFFER,
                                        Repair.LEAVE,
                                        false,
                                        "47",
                                        "differs",
                                        Map.of("amount.platform", "500", "amount.zoho", "400"))),
                        found("c-3", new Drift(DriftKind.NEVER_SENT, Repair.RESEND, false, null, "never", Map.of())))));
        assertThat(await(store.report(id)).orElseThrow().status()).isEqualTo(ReconcileReport.Status.RUNNING);
        assertThat(await(store.latestEnded())).isEmpty();

        await(store.close(id, ReconcileReport.Status.FINISHED, 12, 3, null, T0.plusSeconds(5)));
        ReconcileReport report = await(store.report(id)).orElseThrow();
        assertThat(report.scope()).containsExactly(EntityType.CUSTOMER, EntityType.PAYMENT);
        assertThat(report.finishedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(List.of(report.checked(), report.zohoCalls(), report.drifts(), report.safe(), report.left()))
                .containsExactly(12L, 3L, 3L, 1L, 3L);

        List<ReconcileDrift> first = await(store.drifts(id, null, 2));
        assertThat(first).extracting(d -> d.key().entityId()).containsExactly("c-1", "c-2");
        assertThat(first.get(1).drift().detail()).containsEntry("amount.zoho", "400");
        assertThat(await(store.drifts(id, first.get(1).id(), 2)))
                .extracting(d -> d.drift().zohoId())
                .containsExactly((String) null);

        long one = first.get(0).id();
        long two = first.get(1).id();
        assertThat(await(store.claim(one, T0.plusSeconds(8)))).isTrue();
        assertThat(await(store.claim(one, T0.plusSeconds(8))))
                .as("a second repairer at the same time does not get it")
                .isFalse();
        assertThat(await(store.claim(two, T0.plusSeconds(8)))).isTrue();
        await(store.repaired(one, true, "unlink: record now pending", T0.plusSeconds(9)));
        await(store.repaired(two, false, "left for a person", T0.plusSeconds(9)));
        assertThat(await(store.claim(one, T0.plusSeconds(10))))
                .as("a repaired drift is never claimed again")
                .isFalse();
        assertThat(await(store.claim(two, T0.plusSeconds(10))))
                .as("one that was not applied may be tried again")
                .isTrue();
        assertThat(await(store.claim(two, T0.plusSeconds(11)))).isFalse();
        assertThat(await(store.claim(two, T0.plusSeconds(10).plus(java.time.Duration.ofMinutes(11)))))
                .as("a claim whose repairer died is taken over after 10 minutes")
                .isTrue();
        List<ReconcileDrift> named =
                await(store.drifts(id, List.of(first.get(0).id(), first.get(1).id())));
        assertThat(named.get(0).repairedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(named.get(1).repairedAt()).isNull();
        assertThat(named.get(1).repairOutcome()).isEqualTo("left for a person");
        assertThat(await(store.latestEnded()).orElseThrow().left()).isEqualTo(2L);

        long newer = await(store.open(List.of(EntityType.CUSTOMER), T0.plusSeconds(60)));
        assertThat(await(store.reports(null, 1)))
                .extracting(ReconcileReport::id)
                .containsExactly(newer);
        assertThat(await(store.reports(newer, 5)))
                .extracting(ReconcileReport::id)
                .containsExactly(id);
        assertThat(await(store.latestEnded()).orElseThrow().id()).isEqualTo(id); // the newer one still runs
    }

    @Test
    void theRecordsComparedComeWithTheirEntitiesInIdOrder() throws Exception {
        for (String id : List.of("c-2", "c-1", "c-3")) {
            await(pool.query("insert into platform_entities (entity_type, entity_id, version, payload, payload_hash,"
                            + " received_at, updated_at) values ('customer', '" + id + "', 1, '{\"email\":\"" + id
                            + "@example.com\",\"address\":{\"city\":\"Cape Town\"}}', '', now(), now())")
                    .execute());
            await(pool.query("insert into sync_records (entity_type, entity_id, target, status, zoho_id, origin,"
                            + " created_at, updated_at) values ('customer', '" + id + "', 'books', 'synced', '4"
                            + id.substring(2) + "', 'created', now(), now())")
                    .execute());
        }
        List<ReconcileStore.Candidate> page = await(store.candidates(EntityType.CUSTOMER, SyncTarget.BOOKS, null, 2));
        assertThat(page).extracting(c -> c.key().entityId()).containsExactly("c-1", "c-2");
        assertThat(page.get(0).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(page.get(0).origin()).isEqualTo(Origin.CREATED);
        assertThat(page.get(0).zohoId()).isEqualTo("41");
        assertThat(page.get(0).payload()).containsEntry("email", "c-1@example.com");
        assertThat(page.get(0).payload().get("address")).isEqualTo(Map.of("city", "Cape Town"));
        assertThat(await(store.candidates(EntityType.CUSTOMER, SyncTarget.BOOKS, "c-2", 2)))
                .extracting(c -> c.key().entityId())
                .containsExactly("c-3");
    }

    private static ReconcileStore.Found found(String id, Drift drift) {
        return new ReconcileStore.Found(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS), drift);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
