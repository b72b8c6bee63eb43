package io.zohosync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.MappingQuery;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The mappings, platform id ↔ Zoho id per product: the platform's form, the admin's (reverse lookup), every problem. */
@ExtendWith(VertxExtension.class)
class MappingRoutesTest {

    private static final Instant AT = Instant.parse("2026-11-30T07:00:00Z");

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
        fx.mappings.held.add(new MappingQuery.Mapping(
                new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BILLING), SyncStatus.SYNCED, "1000001", AT, null));
        fx.mappings.held.add(new MappingQuery.Mapping(
                new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS), SyncStatus.PENDING, null, AT, null));
        fx.mappings.held.add(subscription());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static MappingQuery.Mapping subscription() {
        return new MappingQuery.Mapping(
                new SyncKey(EntityType.SUBSCRIPTION, "s-1", SyncTarget.BILLING),
                SyncStatus.SYNCED,
                "2000000001",
                AT,
                new MappingQuery.Mirrored(
                        "live", Map.of("plan_code", "FIBRE-50", "quantity", 1), AT.minusSeconds(60), "evt-1"));
    }

    private HttpResponse<Buffer> api(String query) {
        return fx.api(HttpMethod.GET, "/mappings" + query).send().await();
    }

    private HttpResponse<Buffer> admin(String query) {
        return fx.admin(HttpMethod.GET, "/mappings" + query).send().await();
    }

    @Test
    void thePlatformReadsOneRowPerProductWithZohosMirroredState() {
        HttpResponse<Buffer> customer = api("?entity=customer&id=c-1");
        assertThat(customer.statusCode()).as(customer.bodyAsString()).isEqualTo(200);
        JsonArray rows = customer.bodyAsJsonObject().getJsonArray("mappings");
        assertThat(rows).hasSize(2);
        assertThat(rows.getJsonObject(0).getString("target")).isEqualTo("billing");
        assertThat(rows.getJsonObject(0).getString("zoho_id")).isEqualTo("1000001");
        assertThat(rows.getJsonObject(1).getString("zoho_id")).isNull();
        assertThat(rows.getJsonObject(1).getString("status")).isEqualTo("pending");
        assertThat(rows.getJsonObject(1).getValue("zoho")).isNull();

        JsonObject sub = api("?entity=subscription&id=s-1")
                .bodyAsJsonObject()
                .getJsonArray("mappings")
                .getJsonObject(0);
        assertThat(sub.getString("zoho_id")).isEqualTo("2000000001");
        JsonObject zoho = sub.getJsonObject("zoho");
        assertThat(zoho.getString("status")).isEqualTo("live");
        assertThat(zoho.getJsonObject("details").getString("plan_code")).isEqualTo("FIBRE-50");
        assertThat(zoho.getString("zoho_time")).isEqualTo("2026-11-30T06:59:00Z");
        assertThat(zoho.getString("source")).isEqualTo("evt-1");
    }

    @Test
    void thePlatformsFormTakesNeitherTargetNorZohoId() {
        // the platform asks by its own ids: zoho_id alone is not enough, and is not a filter for it
        HttpFixture.assertProblem(api("?zoho_id=2000000001"), 422, "validation_failed");
        assertThat(fx.mappings.asked).isEmpty();
        HttpResponse<Buffer> narrowed = api("?entity=customer&id=c-1&target=books");
        assertThat(narrowed.bodyAsJsonObject().getJsonArray("mappings")).hasSize(2);
    }

    @Test
    void theAdminFindsARecordByItsZohoIdAndNarrowsByTarget() {
        HttpResponse<Buffer> reverse = admin("?zoho_id=2000000001");
        assertThat(reverse.statusCode()).as(reverse.bodyAsString()).isEqualTo(200);
        JsonObject row = reverse.bodyAsJsonObject().getJsonArray("mappings").getJsonObject(0);
        assertThat(row.getString("entity_type")).isEqualTo("subscription");
        assertThat(row.getString("entity_id")).isEqualTo("s-1");

        JsonArray billing = admin("?entity=customer&id=c-1&target=billing")
                .bodyAsJsonObject()
                .getJsonArray("mappings");
        assertThat(billing).hasSize(1);
        assertThat(billing.getJsonObject(0).getString("zoho_id")).isEqualTo("1000001");
        assertThat(fx.mappings.asked.get(1))
                .isEqualTo(new MappingQuery.Filter(EntityType.CUSTOMER, "c-1", SyncTarget.BILLING, null));
    }

    @Test
    void everyProblemHasItsStableCodeAndAsksNothing() {
        JsonObject missing = HttpFixture.assertProblem(api(""), 422, "validation_failed");
        assertThat(missing.getJsonArray("errors").stream()
                        .map(e -> ((JsonObject) e).getString("field"))
                        .toList())
                .containsExactly("entity", "id");
        JsonObject noId = HttpFixture.assertProblem(api("?entity=customer"), 422, "validation_failed");
        assertThat(noId.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("id");
        HttpFixture.assertProblem(api("?entity=customer&id="), 422, "validation_failed");
        JsonObject unknown = HttpFixture.assertProblem(api("?entity=widget&id=w-1"), 422, "unknown_entity_type");
        assertThat(unknown.getString("detail")).contains("widget", "subscription");
        JsonObject badTarget = HttpFixture.assertProblem(admin("?zoho_id=1&target=sheets"), 422, "validation_failed");
        assertThat(badTarget.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("target");
        HttpFixture.assertProblem(admin("?target=billing"), 422, "validation_failed");
        assertThat(fx.mappings.asked).isEmpty();

        HttpFixture.assertProblem(api("?entity=customer&id=nobody"), 404, "mapping_not_found");
        HttpFixture.assertProblem(admin("?zoho_id=999"), 404, "mapping_not_found");
        HttpFixture.assertProblem(admin("?entity=customer&id=c-1&target=crm"), 404, "mapping_not_found");
    }

    @Test
    void bothNeedTheirCredential() {
        assertThat(fx.http
                        .get("/api/v1/mappings?entity=customer&id=c-1")
                        .send()
                        .await()
                        .statusCode())
                .isEqualTo(401);
        assertThat(fx.http.get("/admin/api/mappings?zoho_id=1").send().await().statusCode())
                .isEqualTo(401);
    }
}
