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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The router as a whole: who may call what, paths nobody serves, health and metrics. */
@ExtendWith(VertxExtension.class)
class RouterTest {

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
    void thePlatformApiWithoutAKeyIsUnauthorizedAndSaysHowToAuthenticate() {
        HttpResponse<Buffer> response = send(fx.http.post("/api/v1/" + CUSTOMERS), CUSTOMER);

        assertProblem(response, 401, "unauthorized");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"API key\"");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void thePlatformApiWithAWrongKeyOrTheAdminTokenIsUnauthorized() {
        HttpResponse<Buffer> wrong =
                send(fx.http.post("/api/v1/" + CUSTOMERS).bearerTokenAuthentication("not-a-key"), CUSTOMER);
        assertProblem(wrong, 401, "unauthorized");
        assertThat(wrong.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"API key\", error=\"invalid_token\"");
        assertProblem(
                send(fx.http.post("/api/v1/" + CUSTOMERS).bearerTokenAuthentication(HttpFixture.ADMIN_TOKEN), CUSTOMER),
                401,
                "unauthorized");
        assertProblem(
                send(fx.http.post("/api/v1/" + CUSTOMERS).putHeader("X-API-Key", "not-a-key"), CUSTOMER),
                401,
                "unauthorized");
        assertProblem(fx.http.get("/api/v1/" + CUSTOMERS + "/c-1").send().await(), 401, "unauthorized");
        assertThat(fx.entities.commands).isEmpty();
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void aBodyDeclaredInAnotherCharsetThanUtf8IsUnsupportedAndStoresNothing() {
        for (String charset : List.of("utf-16", "ISO-8859-1", "\"latin1\"")) {
            HttpResponse<Buffer> refused = fx.http
                    .post("/api/v1/" + CUSTOMERS)
                    .bearerTokenAuthentication(HttpFixture.API_KEY)
                    .putHeader("Content-Type", "application/json; charset=" + charset)
                    .sendBuffer(Buffer.buffer(CUSTOMER.encode()))
                    .await();
            assertProblem(refused, 415, "unsupported_media_type");
        }
        assertThat(fx.entities.commands).isEmpty();
        assertThat(fx.http
                        .post("/api/v1/" + CUSTOMERS)
                        .bearerTokenAuthentication(HttpFixture.API_KEY)
                        .putHeader("Content-Type", "application/json; Charset=\"UTF-8\"")
                        .sendBuffer(Buffer.buffer(CUSTOMER.encode()))
                        .await()
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void thePlatformApiTakesTheKeyInXApiKeyToo() {
        assertThat(send(fx.http.post("/api/v1/" + CUSTOMERS).putHeader("X-API-Key", HttpFixture.API_KEY), CUSTOMER)
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void anUnauthenticatedCallerLearnsNothingAboutWhichPathsExist() {
        assertProblem(fx.http.get("/api/v1/nowhere").send().await(), 401, "unauthorized");
        assertProblem(fx.http.get("/admin/api/nowhere").send().await(), 401, "unauthorized");
    }

    @Test
    void theAdminApiWithoutTheTokenOrWithTheApiKeyIsUnauthorized() {
        HttpResponse<Buffer> none = fx.http.get("/admin/api/sync/status").send().await();

        assertProblem(none, 401, "unauthorized");
        assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"admin token\"");
        assertProblem(
                fx.http
                        .get("/admin/api/sync/status")
                        .bearerTokenAuthentication(HttpFixture.API_KEY)
                        .send()
                        .await(),
                401,
                "unauthorized");
        assertProblem(
                fx.http
                        .get("/admin/api/sync/status")
                        .putHeader("X-API-Key", HttpFixture.ADMIN_TOKEN)
                        .send()
                        .await(),
                401,
                "unauthorized");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void pathsNobodyServesAreNotFound() {
        JsonObject problem = assertProblem(fx.http.get("/nowhere").send().await(), 404, "not_found");

        assertThat(problem.getString("instance")).isEqualTo("/nowhere");
        assertThat(problem.getString("title")).isEqualTo("Not Found");
        assertProblem(fx.api(HttpMethod.GET, "/nowhere/at/all").send().await(), 404, "not_found");
        assertProblem(fx.admin(HttpMethod.GET, "/nowhere").send().await(), 404, "not_found");
    }

    @Test
    void aMethodAPathDoesNotServeIsNotAllowed() {
        assertProblem(fx.http.post("/health/live").send().await(), 405, "method_not_allowed");
        assertProblem(fx.http.delete("/metrics").send().await(), 405, "method_not_allowed");
    }

    @Test
    void healthSaysLiveAndReadyWithEachCheck() {
        assertThat(fx.http.get("/health/live").send().await().statusCode()).isEqualTo(200);
        HttpResponse<Buffer> ready = fx.http.get("/health/ready").send().await();

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getString("outcome")).isEqualTo("UP");
        assertThat(ready.bodyAsString()).contains("stub");
    }

    @Test
    void metricsAreThePrometheusText() {
        HttpResponse<Buffer> metrics = fx.http.get("/metrics").send().await();

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.getHeader("content-type")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.bodyAsString()).isEqualTo("zsync_up 1\n");
    }
}
