package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncOverview;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Admin API, reading: {@code GET /admin/api/sync/status} and {@code GET /admin/api/sync/{entity}/{id}}. */
@ExtendWith(VertxExtension.class)
class AdminStatusRoutesTest {

    private static final String CUSTOMER = EntityType.CUSTOMER.wire();

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theOverviewCountsByEntityTypeAndStatusAndListsRecentRecords() {
        SyncKey key = new SyncKey(EntityType.ITEM, "sku-1", SyncTarget.INVENTORY);
        fx.status.overview = new SyncOverview(
                false,
                Map.of(
                        EntityType.CUSTOMER,
                        Map.of(
                                SyncTarget.BOOKS,
                                Map.of(SyncStatus.SYNCED, 2L, SyncStatus.FAILED, 1L),
                                SyncTarget.CRM,
                                Map.of(SyncStatus.SYNCED, 1L)),
                        EntityType.ITEM,
                        Map.of(SyncTarget.INVENTORY, Map.of(SyncStatus.PENDING, 2L))),
                List.of(StubSyncStatus.view(key, SyncStatus.PENDING)));

        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.GET, "/sync/status").send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getBoolean("sync_enabled")).isFalse();
        assertThat(body.getJsonObject("counts"))
                .isEqualTo(new JsonObject()
                        .put(
                                CUSTOMER,
                                new JsonObject()
                                        .put(SyncStatus.SYNCED.wire(), 3)
                                        .put(SyncStatus.FAILED.wire(), 1))
                        .put(EntityType.ITEM.wire(), new JsonObject().put(SyncStatus.PENDING.wire(), 2)));
        assertThat(body.getJsonObject("counts_by_target"))
                .as("each target's counts beside the entity type's")
                .isEqualTo(new JsonObject()
                        .put(
                                CUSTOMER,
                                new JsonObject()
                                        .put(
                                                SyncTarget.BOOKS.wire(),
                                                new JsonObject()
                                                        .put(SyncStatus.SYNCED.wire(), 2)
                                                        .put(SyncStatus.FAILED.wire(), 1))
                                        .put(SyncTarget.CRM.wire(), new JsonObject().put(SyncStatus.SYNCED.wire(), 1)))
                        .put(
                                EntityType.ITEM.wire(),
                                new JsonObject()
                                        .put(
                                                SyncTarget.INVENTORY.wire(),
                                                new JsonObject().put(SyncStatus.PENDING.wire(), 2))));
        assertThat(body.getJsonArray("recent").getJsonObject(0).getString("entity_id"))
                .isEqualTo("sku-1");
        assertThat(body.getJsonArray("recent").getJsonObject(0).getString("target"))
                .isEqualTo(SyncTarget.INVENTORY.wire());
        assertThat(fx.status.asked).containsExactly(20);
    }

    @Test
    void theLimitOfRecentRecordsIsTheCallers() {
        fx.admin(HttpMethod.GET, "/sync/status?limit=0").send().await();
        fx.admin(HttpMethod.GET, "/sync/status?limit=500").send().await();

        assertThat(fx.status.asked).containsExactly(0, 500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "501", "ten", "", "99999999999"})
    void aLimitOutOfRangeIsAValidationProblem(String limit) {
        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.GET, "/sync/status?limit=" + limit).send().await(), 422, "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("limit");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void everyTargetsRecordOfAnEntityIsListed() {
        fx.status.held.add(
                StubSyncStatus.view(new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.CRM), SyncStatus.SYNCED));
        fx.status.held.add(
                StubSyncStatus.view(new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS), SyncStatus.FAILED));

        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.GET, "/sync/" + CUSTOMER + "/c-1").send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("entity_type")).isEqualTo(CUSTOMER);
        assertThat(body.getString("entity_id")).isEqualTo("c-1");
        assertThat(body.getJsonArray("records").stream().map(r -> ((JsonObject) r).getString("target")))
                .containsExactly(SyncTarget.BOOKS.wire(), SyncTarget.CRM.wire());
        assertThat(fx.status.asked).containsExactly(new EntityRef(EntityType.CUSTOMER, "c-1"));
    }

    @Test
    void anEntityWithoutRecordsIsNotFound() {
        assertProblem(
                fx.admin(HttpMethod.GET, "/sync/" + CUSTOMER + "/nobody").send().await(), 404, "record_not_found");
    }

    @Test
    void anUnknownEntityTypeIsNotFoundByName() {
        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.GET, "/sync/spaceship/c-1").send().await(), 404, "unknown_entity_type");

        assertThat(problem.getString("detail")).contains("spaceship");
        assertProblem(
                fx.admin(HttpMethod.GET, "/sync/" + CUSTOMER.toUpperCase() + "/c-1")
                        .send()
                        .await(),
                404,
                "unknown_entity_type");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void aFailedQueryIsAnInternalErrorThatTellsNothing() {
        fx.status.failure = new IllegalStateException("connection refused: pg.internal:5432");

        HttpResponse<Buffer> overview =
                fx.admin(HttpMethod.GET, "/sync/status").send().await();
        HttpResponse<Buffer> records =
                fx.admin(HttpMethod.GET, "/sync/" + CUSTOMER + "/c-1").send().await();

        for (HttpResponse<Buffer> response : List.of(overview, records)) {
            assertProblem(response, 500, "internal_error");
            assertThat(response.bodyAsString()).doesNotContain("pg.internal");
        }
    }

    @Test
    void theStatusIsReadOnly() {
        assertProblem(fx.admin(HttpMethod.DELETE, "/sync/status").send().await(), 405, "method_not_allowed");
    }
}
