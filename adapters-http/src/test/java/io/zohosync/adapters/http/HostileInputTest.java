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
import io.zohosync.domain.entity.EntityType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes nobody should send get a clean 4xx problem, never a 500, and never reach the use case. */
@ExtendWith(VertxExtension.class)
class HostileInputTest {

    private static final long ROOMY = 1024 * 1024;

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx, ROOMY);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void invalidUtf8IsMalformed() {
        Buffer body = Buffer.buffer("{\"id\":\"c-")
                .appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28})
                .appendString("\"}");

        assertRefused(post(body), 400, "malformed_json");
    }

    @Test
    void aNumberBeyondADoubleIsMalformedNotAnInternalError() {
        assertRefused(post(Buffer.buffer("{\"id\":\"c-1\",\"rate\":1e400}")), 400, "malformed_json");
    }

    @Test
    void anOverlongUtf8EncodingIsMalformed() {
        Buffer body = Buffer.buffer("{\"id\":\"c-")
                .appendBytes(new byte[] {(byte) 0xC0, (byte) 0xAF})
                .appendString("\"}");

        assertRefused(post(body), 400, "malformed_json");
    }

    @Test
    void jsonNestedDeeperThanAnyEntityIsMalformed() {
        String deep = "[".repeat(40) + "]".repeat(40);

        assertRefused(post(Buffer.buffer("{\"id\":\"c\",\"x\":" + deep + "}")), 400, "malformed_json");
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsMalformed() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        assertRefused(post(Buffer.buffer(deep)), 400, "malformed_json");
    }

    @Test
    void aNumberLongerThanTheParserAllowsIsMalformed() {
        assertRefused(post(Buffer.buffer("{\"id\":\"c\",\"n\":" + "9".repeat(5000) + "}")), 400, "malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\ud800", "x\\udc00y"})
    void textPostgresCannotHoldIsAValidationProblemNamingTheField(String escaped) {
        HttpResponse<Buffer> response =
                post(Buffer.buffer("{\"id\":\"c\",\"lines\":[{\"name\":\"" + escaped + "\"}]}"));

        JsonObject problem = assertRefused(response, 422, "validation_failed");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("lines[0].name");
    }

    @Test
    void aPairedSurrogateIsFine() {
        assertThat(post(Buffer.buffer("{\"id\":\"c\",\"name\":\"\\ud83d\\ude00 😀\"}"))
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void anIdOfTenThousandCharactersInTheBodyIsAValidationProblem() {
        JsonObject problem = assertRefused(
                post(Buffer.buffer(
                        new JsonObject().put("id", "x".repeat(10_000)).encode())),
                422,
                "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("id");
    }

    @Test
    void anIdTooLongForAPathIsAValidationProblemOnPutAndNotFoundOnGet() {
        String id = "x".repeat(300);

        assertRefused(
                send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/" + id), new JsonObject()), 422, "validation_failed");
        assertProblem(
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/" + id).send().await(),
                404,
                EntityType.CUSTOMER.wire() + "_not_found");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void anIdOfTenThousandCharactersInThePathNeverReachesTheRoutes() {
        String id = "x".repeat(10_000);

        HttpResponse<Buffer> put = send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/" + id), new JsonObject());
        HttpResponse<Buffer> get =
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/" + id).send().await();

        for (HttpResponse<Buffer> response : List.of(put, get)) {
            assertThat(response.statusCode()).isEqualTo(414);
            assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("uri_too_long");
        }
        assertThat(fx.entities.commands).isEmpty();
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void headersLargerThanTheServiceReadsAreAProblemToo() {
        HttpResponse<Buffer> response = fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/c-1")
                .putHeader("X-Padding", "p".repeat(20_000))
                .send()
                .await();

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("headers_too_large");
        assertThat(fx.status.asked).isEmpty();
    }

    @Test
    void aBlankIdInThePathIsNotFoundNotACrash() {
        assertProblem(
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/%20%20").send().await(),
                404,
                EntityType.CUSTOMER.wire() + "_not_found");
    }

    @Test
    void aBrokenPercentEncodingIsABadRequest() {
        assertProblem(fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/%zz").send().await(), 400, "invalid_path");
        assertThat(fx.status.asked).isEmpty();
    }

    private HttpResponse<Buffer> post(Buffer body) {
        return fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                .putHeader("content-type", "application/json")
                .sendBuffer(body)
                .await();
    }

    private JsonObject assertRefused(HttpResponse<Buffer> response, int status, String code) {
        JsonObject problem = assertProblem(response, status, code);
        assertThat(fx.entities.commands).isEmpty();
        return problem;
    }
}
