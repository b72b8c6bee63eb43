package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static io.zohosync.adapters.http.StubRecordEntity.CUSTOMERS;
import static io.zohosync.adapters.http.StubRecordEntity.ITEMS;
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
import io.zohosync.ports.in.SyncRecordView;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Platform API, reading an entity's sync state: {@code GET /api/v1/{collection}/{id}}. */
@ExtendWith(VertxExtension.class)
class EntityStatusRoutesTest {

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
    void everyTargetsRecordIsShownAndTheFirstTargetIsTheSync() {
        SyncKey crm = new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.CRM);
        SyncKey books = new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS);
        fx.status.held.add(StubSyncStatus.view(crm, SyncStatus.WAITING));
        fx.status.held.add(new SyncRecordView(
                books,
                SyncStatus.FAILED,
                "zc-7",
                3,
                "Zoho said no",
                "retries used up",
                Instant.parse("2025-02-03T04:05:06Z"),
                StubSyncStatus.UPDATED));

        HttpResponse<Buffer> response =
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/c-1").send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("id")).isEqualTo("c-1");
        JsonObject expectedBooks = new JsonObject()
                .put("entity_type", EntityType.CUSTOMER.wire())
                .put("entity_id", "c-1")
                .put("target", SyncTarget.BOOKS.wire())
                .put("status", SyncStatus.FAILED.wire())
                .put("zoho_id", "zc-7")
                .put("attempts", 3)
                .put("last_error", "Zoho said no")
                .put("reason", "retries used up")
                .put("next_run_at", "2025-02-03T04:05:06Z")
                .put("updated_at", "2025-01-02T03:04:05Z");
        assertThat(body.getJsonObject("sync")).isEqualTo(expectedBooks);
        assertThat(body.getJsonArray("records").getJsonObject(0)).isEqualTo(expectedBooks);
        assertThat(body.getJsonArray("records").getJsonObject(1).getString("target"))
                .isEqualTo(SyncTarget.CRM.wire());
        assertThat(body.getJsonArray("records").getJsonObject(1).getValue("next_run_at"))
                .isNull();
        assertThat(fx.status.asked).containsExactly(new EntityRef(EntityType.CUSTOMER, "c-1"));
    }

    @Test
    void eachCollectionAsksForItsOwnType() {
        fx.status.held.add(
                StubSyncStatus.view(new SyncKey(EntityType.ITEM, "sku-1", SyncTarget.INVENTORY), SyncStatus.SYNCED));

        assertThat(fx.api(HttpMethod.GET, "/" + ITEMS + "/sku-1").send().await().statusCode())
                .isEqualTo(200);
        assertProblem(
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/sku-1").send().await(),
                404,
                EntityType.CUSTOMER.wire() + "_not_found");
    }

    @Test
    void anEntityWithoutRecordsIsNotFound() {
        JsonObject problem = assertProblem(
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/nobody").send().await(),
                404,
                EntityType.CUSTOMER.wire() + "_not_found");

        assertThat(problem.getString("detail")).isEqualTo("no " + EntityType.CUSTOMER.wire() + " with id nobody");
        assertThat(problem.getString("instance")).isEqualTo("/api/v1/" + CUSTOMERS + "/nobody");
    }

    @Test
    void aFailedQueryIsAnInternalErrorThatTellsNothing() {
        fx.status.failure = new IllegalStateException("relation sync_records does not exist");

        HttpResponse<Buffer> response =
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/c-1").send().await();

        assertProblem(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("sync_records");
    }

    @Test
    void otherMethodsOnAnEntityAreNotAllowed() {
        assertProblem(fx.api(HttpMethod.DELETE, "/" + CUSTOMERS + "/c-1").send().await(), 405, "method_not_allowed");
        assertProblem(fx.api(HttpMethod.PATCH, "/" + CUSTOMERS + "/c-1").send().await(), 405, "method_not_allowed");
        assertProblem(fx.api(HttpMethod.GET, "/" + CUSTOMERS).send().await(), 405, "method_not_allowed");
    }
}
