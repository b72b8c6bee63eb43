package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static io.zohosync.adapters.http.HttpFixture.send;
import static io.zohosync.adapters.http.StubRecordEntity.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests validated by the OpenAPI document at the router ({@code common/RequestCheck}): a parameter its schema
 * refuses is answered before the route sees the request, after the credential and the content type are checked.
 */
@ExtendWith(VertxExtension.class)
class RequestCheckTest {

    private static final JsonObject CUSTOMER = new JsonObject().put("id", "c-1");

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
    void aQueryParameterTheDocumentRefusesIsAValidationProblemNamingItAndTheRouteNeverSeesIt() {
        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.GET, "/sync/status?limit=501").send().await(), 422, "validation_failed");

        JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("field")).isEqualTo("limit");
        // the document's words (its maximum), not the route's
        assertThat(error.getString("message")).contains("greater than 500");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void aWordOutsideAParametersEnumIsRefusedNamingTheParameter() {
        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.GET, "/sync/log?status=open").send().await(), 422, "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("status");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void theCredentialIsCheckedBeforeTheParameters() {
        assertProblem(fx.http.get("/admin/api/sync/status?limit=501").send().await(), 401, "unauthorized");
        assertProblem(
                send(fx.http.post("/api/v1/" + CUSTOMERS).putHeader("Idempotency-Key", "k".repeat(256)), CUSTOMER),
                401,
                "unauthorized");
    }

    @Test
    void aParameterNamingItsRefusalGetsThatProblem() {
        JsonObject problem = assertProblem(
                send(fx.api(HttpMethod.POST, "/" + CUSTOMERS).putHeader("Idempotency-Key", "k".repeat(256)), CUSTOMER),
                400,
                "invalid_idempotency_key");

        assertThat(problem.getString("detail")).startsWith("header parameter Idempotency-Key");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void aBodyNotDeclaredJsonIsTheRoutesToRefuseBeforeTheParametersAreJudged() {
        HttpResponse<Buffer> response = fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                .putHeader("Idempotency-Key", "k".repeat(256))
                .putHeader("content-type", "text/plain")
                .sendBuffer(Buffer.buffer(CUSTOMER.encode()))
                .await();

        assertProblem(response, 415, "unsupported_media_type");
    }

    @Test
    void aStringParameterThatReadsAsJsonIsStillText() {
        HttpResponse<Buffer> response = fx.admin(HttpMethod.GET, "/sync/log?entity_type=customer&entity_id=-5&q=1.5")
                .send()
                .await();

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    @Test
    void anUndocumentedPathIsLeftToTheRouter() {
        assertProblem(fx.http.get("/nowhere?limit=x").send().await(), 404, "not_found");
        assertProblem(
                fx.admin(HttpMethod.DELETE, "/sync/status?limit=501").send().await(), 405, "method_not_allowed");
    }
}
