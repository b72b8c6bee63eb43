package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
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
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogQuery;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Admin API, the sync log: {@code GET /admin/api/sync/log} with its filters and keyset cursor. */
@ExtendWith(VertxExtension.class)
class ActivityRoutesTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

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
    void everyFilterReachesTheQuery() {
        fx.admin(
                        HttpMethod.GET,
                        "/sync/log?entity_type=customer&entity_id=c%201&target=crm&status=failed&event=zoho_rejected"
                                + "&q=%20Duplicate%20&since=2026-01-01T00:00:00Z&until=2026-02-01T00:00:00Z"
                                + "&before=900&limit=25")
                .send()
                .await();

        assertThat(fx.status.asked)
                .containsExactly(new SyncLogQuery(
                        EntityType.CUSTOMER,
                        "c 1",
                        SyncTarget.CRM,
                        SyncStatus.FAILED,
                        "zoho_rejected",
                        "Duplicate",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"),
                        900L,
                        25));
    }

    @Test
    void noFilterIsTheNewestFifty() {
        fx.admin(HttpMethod.GET, "/sync/log").send().await();

        assertThat(fx.status.asked).containsExactly(SyncLogQuery.newest(50));
    }

    @Test
    void aPageListsItsRowsNewestFirstWithTheCursorOfTheNext() {
        for (long id = 1; id <= 3; id++) {
            fx.status.logged.add(entry(id));
        }

        HttpResponse<Buffer> first =
                fx.admin(HttpMethod.GET, "/sync/log?limit=2").send().await();
        JsonObject body = first.bodyAsJsonObject();
        assertThat(first.statusCode()).isEqualTo(200);
        JsonArray entries = body.getJsonArray("entries");
        assertThat(entries.stream().map(e -> ((JsonObject) e).getLong("id"))).containsExactly(3L, 2L);
        assertThat(body.getLong("next_before")).isEqualTo(2L);
        assertThat(entries.getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("id", 3L)
                        .put("entity_type", "customer")
                        .put("entity_id", "c-3")
                        .put("target", "books")
                        .put("at", AT.toString())
                        .put("last_at", AT.plusSeconds(60).toString())
                        .put("from_status", "syncing")
                        .put("to_status", "retrying")
                        .put("event", "deferred_budget")
                        .put("message", "budget spent")
                        .put("zoho_id", null)
                        .put("repeats", 4));

        JsonObject second = fx.admin(HttpMethod.GET, "/sync/log?limit=2&before=2")
                .send()
                .await()
                .bodyAsJsonObject();
        assertThat(second.getJsonArray("entries").getJsonObject(0).getLong("id"))
                .isEqualTo(1L);
        assertThat(second.getValue("next_before")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "entity_type=kitten|entity_type",
                "entity_id=c-1|entity_id",
                "entity_type=customer&entity_id=%20|entity_id",
                "target=zoho|target",
                "status=broken|status",
                "event=Zoho-Rejected|event",
                "event=x%27%20or%201=1|event",
                "q=%20%20|q",
                "since=yesterday|since",
                "until=2026-02-30T00:00:00Z|until",
                "since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z|until",
                "before=0|before",
                "before=abc|before",
                "before=99999999999999999999|before",
                "limit=0|limit",
                "limit=201|limit",
            })
    void aBadParameterIsAValidationProblemNamingIt(String query, String field) {
        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.GET, "/sync/log?" + query).send().await(), 422, "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo(field);
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void aLongSearchIsRefused() {
        assertProblem(
                fx.admin(HttpMethod.GET, "/sync/log?q=" + "x".repeat(201))
                        .send()
                        .await(),
                422,
                "validation_failed");
        fx.admin(HttpMethod.GET, "/sync/log?q=" + "x".repeat(200)).send().await();

        assertThat(fx.status.asked).hasSize(1);
    }

    private static SyncLogEntry entry(long id) {
        return new SyncLogEntry(
                id,
                new SyncKey(EntityType.CUSTOMER, "c-" + id, SyncTarget.BOOKS),
                AT,
                SyncStatus.SYNCING,
                SyncStatus.RETRYING,
                "deferred_budget",
                "budget spent",
                null,
                4,
                AT.plusSeconds(60));
    }
}
