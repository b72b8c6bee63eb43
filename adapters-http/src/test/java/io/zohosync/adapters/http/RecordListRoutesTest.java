package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncRecordQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Admin API: {@code GET /admin/api/sync/records}, a page at a time by an opaque keyset cursor, with filters. */
@ExtendWith(VertxExtension.class)
class RecordListRoutesTest {

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
    void theFiltersReachTheQueryAndTheDefaultPageIsFifty() {
        fx.admin(HttpMethod.GET, "/sync/records?entity_type=invoice&target=books&status=failed")
                .send()
                .await();
        fx.admin(HttpMethod.GET, "/sync/records").send().await();

        assertThat(fx.status.asked)
                .containsExactly(
                        new SyncRecordQuery(EntityType.INVOICE, SyncTarget.BOOKS, SyncStatus.FAILED, null, 50),
                        new SyncRecordQuery(null, null, null, null, 50));
    }

    @Test
    void theNextPageIsAskedForWithTheCursorTheLastOneGave() {
        for (String id : new String[] {"a/1 é", "b", "c"}) {
            fx.status.held.add(
                    StubSyncStatus.view(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS), SyncStatus.SYNCED));
        }

        JsonObject first =
                fx.admin(HttpMethod.GET, "/sync/records?limit=1").send().await().bodyAsJsonObject();
        assertThat(first.getJsonArray("records").getJsonObject(0).getString("entity_id"))
                .isEqualTo("a/1 é");
        String cursor = first.getString("next_after");
        assertThat(cursor).matches("[A-Za-z0-9_-]+");

        JsonObject rest = fx.admin(HttpMethod.GET, "/sync/records?limit=2&after=" + cursor)
                .send()
                .await()
                .bodyAsJsonObject();
        assertThat(rest.getJsonArray("records").stream().map(r -> ((JsonObject) r).getString("entity_id")))
                .containsExactly("b", "c");
        assertThat(rest.getValue("next_after")).isNull();
        assertThat(((SyncRecordQuery) fx.status.asked.get(1)).after())
                .isEqualTo(new SyncRecordQuery.Position(
                        StubSyncStatus.UPDATED, new SyncKey(EntityType.CUSTOMER, "a/1 é", SyncTarget.BOOKS)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "status=open",
                "entity_type=kitten",
                "target=zoho",
                "limit=0",
                "limit=501",
                "after=%25%25%25",
                "after=bm90IGEgY3Vyc29y",
            })
    void aBadParameterIsAValidationProblem(String query) {
        assertProblem(fx.admin(HttpMethod.GET, "/sync/records?" + query).send().await(), 422, "validation_failed");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void aCursorNamingAnUnknownTypeOrABadTimeIsRefused() {
        for (String raw : new String[] {
            "2026-01-01T00:00:00Z\nkitten\nbooks\nc-1",
            "yesterday\ncustomer\nbooks\nc-1",
            "2026-01-01T00:00:00Z\ncustomer\nbooks\n "
        }) {
            String cursor =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            JsonObject problem = assertProblem(
                    fx.admin(HttpMethod.GET, "/sync/records?after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                            .send()
                            .await(),
                    422,
                    "validation_failed");
            assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo("after");
        }
        assertThat(fx.status.asked).isEmpty();
    }
}
