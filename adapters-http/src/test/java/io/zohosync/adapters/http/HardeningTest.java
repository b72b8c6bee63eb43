package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static io.zohosync.adapters.http.HttpFixture.send;
import static io.zohosync.adapters.http.StubRecordEntity.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.out.StoreUnavailable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13's HTTP defects: strict JSON, exact paths, Zoho ids, a database outage, all answered cleanly. */
@ExtendWith(VertxExtension.class)
class HardeningTest {

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"id\":\"c\" /* a comment */}",
                "{\"id\":\"c\"} // a comment",
                "{\"id\":\"c\",\"id\":\"d\"}",
                "{\"id\":\"c\",\"billing_address\":{\"city\":\"a\",\"city\":\"b\"}}",
                "{\"id\":\"c\"} trailing",
                "{\"id\":\"c\"}{\"id\":\"d\"}",
                "{'id':'c'}",
                "{\"id\":\"c\",}",
                "{\"id\":NaN}",
                "{\"id\":01}"
            })
    void whatStrictJsonDoesNotAllowIsMalformed(String body) {
        assertRefused(post(Buffer.buffer(body)), 400, "malformed_json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0001", "\\u001b[31m", "\\u007f\\u0000", "\\u000b", "\\u001f"})
    void aControlCharacterOtherThanTabOrLineBreakInTextIsAValidationProblem(String escaped) {
        JsonObject problem = assertRefused(
                post(Buffer.buffer("{\"id\":\"c\",\"last_name\":\"a" + escaped + "\"}")), 422, "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("last_name");
    }

    @Test
    void tabsAndLineBreaksInFreeTextReachTheIntakeAsSent() {
        assertThat(post(Buffer.buffer("{\"id\":\"c\",\"street\":\"1 Main\\r\\nFlat\\t2\"}"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(fx.entities.only().body().get("street")).isEqualTo("1 Main\r\nFlat\t2");
    }

    @Test
    void aDecimalIsKeptExactlyAsWritten() {
        post(Buffer.buffer("{\"id\":\"c\",\"rate\":1234567890.123456789}"));

        assertThat(fx.entities.only().body().get("rate").toString()).isEqualTo("1234567890.123456789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonfoo", "application/json-patch", "text/json", "application/x-json"})
    void aContentTypeThatOnlyStartsLikeJsonIsUnsupported(String contentType) {
        HttpResponse<Buffer> response = fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                .putHeader("content-type", contentType)
                .sendBuffer(Buffer.buffer("{\"id\":\"c\"}"))
                .await();

        assertRefused(response, 415, "unsupported_media_type");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"%00", "a%00b", "%C0%AF", "%ED%A0%80", "%FF", "%E2%82", "%0A", "%C2%85", "%E2%80%A8", "%zz", "%4"
            })
    void aPathThatDoesNotDecodeToCleanTextIsRefusedNotAltered(String id) {
        assertProblem(fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/" + id).send().await(), 400, "invalid_path");
        assertProblem(
                send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/" + id), new JsonObject().put("last_name", "x")),
                400,
                "invalid_path");
        assertProblem(
                fx.admin(HttpMethod.POST, "/sync/customer/" + id + "/books/retry")
                        .send()
                        .await(),
                400,
                "invalid_path");
        assertThat(fx.entities.commands).isEmpty();
        assertThat(fx.status.asked).isEmpty();
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void aQueryThatDoesNotDecodeToCleanTextIsRefused() {
        assertProblem(fx.admin(HttpMethod.GET, "/sync/status?limit=%00").send().await(), 400, "invalid_query");
        assertProblem(
                fx.admin(HttpMethod.GET, "/sync/status?limit=%C0%AF").send().await(), 400, "invalid_query");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"zoho_id\":\"123\\u0000\"}",
                "{\"zoho_id\":\"12a3\"}",
                "{\"zoho_id\":\"1 23\"}",
                "{\"zoho_id\":\"123456789012345678901234567890123\"}",
                "{\"zoho_id\":\"-1\"}",
                "{\"zoho_id\":\"１２３\"}"
            })
    void aZohoIdThatIsNotOneIsAValidationProblem(String body) {
        JsonObject problem = assertProblem(
                send(fx.admin(HttpMethod.POST, "/sync/customer/c-1/books/link"), body), 422, "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("zoho_id");
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void aZohoIdOfTenThousandDigitsIsAValidationProblem() {
        assertProblem(
                send(
                        fx.admin(HttpMethod.POST, "/sync/customer/c-1/books/link"),
                        new JsonObject().put("zoho_id", "9".repeat(10_000))),
                422,
                "validation_failed");
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsServiceUnavailableWithRetryAfter() {
        StoreUnavailable down = new StoreUnavailable("the database cannot be reached", new java.net.ConnectException());
        fx.entities.answer = command -> Future.failedFuture(down);
        fx.status.failure = down;

        HttpResponse<Buffer> posted = send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), "{\"id\":\"c\"}");
        HttpResponse<Buffer> read =
                fx.api(HttpMethod.GET, "/" + CUSTOMERS + "/c").send().await();
        HttpResponse<Buffer> status =
                fx.admin(HttpMethod.GET, "/sync/status").send().await();

        for (HttpResponse<Buffer> response : List.of(posted, read, status)) {
            assertProblem(response, 503, "database_unavailable");
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        }
    }

    @Test
    void requestsBeyondTheInFlightCapAreOverloadedBeforeTheirBodyIsRead(Vertx vertx) {
        fx.close();
        fx = HttpFixture.start(vertx, HttpFixture.settings(ROOMY).withMaxInFlight(2));
        List<Promise<Result>> held = new ArrayList<>();
        fx.entities.answer = command -> {
            Promise<Result> promise = Promise.promise();
            held.add(promise);
            return promise.future();
        };
        List<Future<HttpResponse<Buffer>>> first = List.of(postLater("a"), postLater("b"));
        awaitCommands(2);

        HttpResponse<Buffer> third = post(Buffer.buffer("{\"id\":\"c\"}"));

        assertProblem(third, 503, "overloaded");
        assertThat(third.getHeader("Retry-After")).isEqualTo("1");
        assertThat(fx.entities.commands).hasSize(2);
        vertx.runOnContext(v -> held.forEach(p -> p.complete(StubRecordEntity.recorded(
                fx.entities.commands.get(0), io.zohosync.ports.in.RecordEntityUseCase.Outcome.CREATED))));
        first.forEach(f -> assertThat(f.await().statusCode()).isEqualTo(202));
        fx.entities.answer = command -> Future.succeededFuture(
                StubRecordEntity.recorded(command, io.zohosync.ports.in.RecordEntityUseCase.Outcome.CREATED));
        assertThat(post(Buffer.buffer("{\"id\":\"d\"}")).statusCode())
                .as("the slots come back")
                .isEqualTo(202);
        assertThat(fx.http.get("/health/live").send().await().statusCode()).isEqualTo(200);
    }

    private Future<HttpResponse<Buffer>> postLater(String id) {
        return fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer("{\"id\":\"" + id + "\"}"));
    }

    private void awaitCommands(int n) {
        long until = System.currentTimeMillis() + 5_000;
        while (fx.entities.commands.size() < n && System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
        assertThat(fx.entities.commands).hasSize(n);
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
