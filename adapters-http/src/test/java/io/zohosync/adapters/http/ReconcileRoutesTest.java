package io.zohosync.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.ReconcileUseCase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin API, reconciliation: run now, list, show, repair; every bad input a problem body with a stable code. */
@ExtendWith(VertxExtension.class)
class ReconcileRoutesTest {

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<Buffer> post(String path, String body) {
        var request = fx.admin(HttpMethod.POST, path);
        return body == null
                ? request.send().await()
                : request.putHeader("content-type", "application/json")
                        .sendBuffer(Buffer.buffer(body))
                        .await();
    }

    @Test
    void runningOneAnswers202WithTheReportsIdAndWhereItIs() {
        HttpResponse<Buffer> response = post("/reconciliations", null);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.getHeader("Location")).isEqualTo("/admin/api/reconciliations/7");
        assertThat(response.bodyAsJsonObject().getLong("id")).isEqualTo(7L);
        assertThat(fx.reconcile.started).containsExactly(new ReconcileUseCase.Request(Set.of(), false));

        post("/reconciliations", "{\"entity\":[\"customer\",\"payment\"],\"repair\":true}");
        assertThat(fx.reconcile.started.get(1))
                .isEqualTo(new ReconcileUseCase.Request(Set.of(EntityType.CUSTOMER, EntityType.PAYMENT), true));
    }

    @Test
    void badRequestsAreRefusedWithStableCodesAndStartNothing() {
        assertProblem(post("/reconciliations", "{\"entity\":[\"refund\"]}"), 422, "validation_failed", "entity[0]");
        assertProblem(post("/reconciliations", "{\"entity\":[\"nonsense\"]}"), 422, "validation_failed", "entity[0]");
        assertProblem(post("/reconciliations", "{\"entity\":\"customer\"}"), 422, "validation_failed", "entity");
        assertProblem(post("/reconciliations", "{\"repair\":\"yes\"}"), 422, "validation_failed", "repair");
        assertProblem(post("/reconciliations", "{\"fix\":true}"), 422, "validation_failed", "fix");
        assertProblem(post("/reconciliations", "{"), 400, "malformed_json", null);
        HttpResponse<Buffer> text = fx.admin(HttpMethod.POST, "/reconciliations")
                .putHeader("content-type", "text/plain")
                .sendBuffer(Buffer.buffer("{}"))
                .await();
        assertProblem(text, 415, "unsupported_media_type", null);
        assertThat(fx.reconcile.started).isEmpty();
    }

    @Test
    void listsReportsAndShowsOneWithItsDrifts() {
        HttpResponse<Buffer> list =
                fx.admin(HttpMethod.GET, "/reconciliations?limit=2").send().await();
        assertThat(list.statusCode()).isEqualTo(200);
        JsonObject page = list.bodyAsJsonObject();
        assertThat(page.getJsonArray("reports")).hasSize(2);
        assertThat(page.getJsonArray("reports").getJsonObject(0).containsKey("finished_at"))
                .isTrue();
        assertThat(page.getLong("next_before")).isEqualTo(7L);

        JsonObject shown =
                fx.admin(HttpMethod.GET, "/reconciliations/7").send().await().bodyAsJsonObject();
        assertThat(shown.getJsonObject("report").getLong("left")).isEqualTo(1L);
        JsonObject drift = shown.getJsonArray("drifts").getJsonObject(0);
        assertThat(drift.getString("kind")).isEqualTo("missing_in_zoho");
        assertThat(drift.getString("repair")).isEqualTo("resend");
        assertThat(drift.containsKey("repaired_at")).isFalse();
        assertThat(shown.containsKey("next_after")).isFalse();

        assertProblem(
                fx.admin(HttpMethod.GET, "/reconciliations/99").send().await(), 404, "reconciliation_not_found", null);
        assertProblem(
                fx.admin(HttpMethod.GET, "/reconciliations/abc").send().await(), 404, "reconciliation_not_found", null);
        assertProblem(
                fx.admin(HttpMethod.GET, "/reconciliations?limit=0").send().await(), 422, "validation_failed", "limit");
    }

    @Test
    void repairsTheSafeOnesOrTheNamedOnes() {
        HttpResponse<Buffer> safe = post("/reconciliations/7/repair", null);
        assertThat(safe.statusCode()).isEqualTo(200);
        assertThat(safe.bodyAsJsonObject().getJsonArray("attempted")).hasSize(1);
        post("/reconciliations/7/repair", "{\"drifts\":[70]}");
        assertThat(fx.reconcile.repairs).containsExactly(List.of(), List.of(70L));

        assertProblem(post("/reconciliations/7/repair", "{\"drifts\":[71]}"), 422, "validation_failed", "drifts");
        assertProblem(post("/reconciliations/7/repair", "{\"drifts\":[\"x\"]}"), 422, "validation_failed", "drifts[0]");
        assertProblem(post("/reconciliations/7/repair", "{\"drifts\":[]}"), 422, "validation_failed", "drifts");
        assertProblem(post("/reconciliations/8/repair", null), 409, "reconciliation_running", null);
        assertProblem(post("/reconciliations/99/repair", null), 404, "reconciliation_not_found", null);
    }

    @Test
    void needsTheAdminToken() {
        HttpResponse<Buffer> response =
                fx.http.post("/admin/api/reconciliations").send().await();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(fx.reconcile.started).isEmpty();
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status, String code, String field) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getString("code")).isEqualTo(code);
        if (field != null) {
            assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo(field);
        }
    }
}
