package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static io.zohosync.adapters.http.HttpFixture.send;
import static io.zohosync.adapters.http.StubRecordEntity.CUSTOMERS;
import static io.zohosync.adapters.http.StubRecordEntity.ITEMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Outcome;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Platform API, sending entities in: {@code POST /api/v1/{collection}} and {@code PUT /api/v1/{collection}/{id}}. */
@ExtendWith(VertxExtension.class)
class EntityRoutesTest {

    private static final String BOOKS = SyncTarget.BOOKS.wire();
    private static final String CRM = SyncTarget.CRM.wire();

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
    void aNewEntityIsAcceptedWithItsLinkAndEveryTargetsStatus() {
        fx.entities.answer(new Result.Recorded(
                new EntityRef(EntityType.CUSTOMER, "c-1"),
                Outcome.CREATED,
                Map.of(SyncTarget.CRM, SyncStatus.WAITING, SyncTarget.BOOKS, SyncStatus.PENDING)));

        HttpResponse<Buffer> response =
                send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), new JsonObject().put("id", "c-1"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/" + CUSTOMERS + "/c-1");
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject()
                        .put("id", "c-1")
                        .put("outcome", "created")
                        .put("sync", new JsonObject().put("target", BOOKS).put("status", SyncStatus.PENDING.wire()))
                        .put(
                                "targets",
                                new JsonObject()
                                        .put(BOOKS, SyncStatus.PENDING.wire())
                                        .put(CRM, SyncStatus.WAITING.wire()))
                        .put("links", new JsonObject().put("self", "/api/v1/" + CUSTOMERS + "/c-1")));
    }

    @Test
    void postTakesTheIdFromTheBodyAndPassesNoKeyOrHashWithoutAnIdempotencyKey() {
        send(
                fx.api(HttpMethod.POST, "/" + CUSTOMERS),
                new JsonObject().put("id", "c-2").put("email", "a@example.com"));

        Command command = fx.entities.only();
        assertThat(command.type()).isEqualTo(EntityType.CUSTOMER);
        assertThat(command.pathId()).isNull();
        assertThat(command.body()).isEqualTo(Map.of("id", "c-2", "email", "a@example.com"));
        assertThat(command.idempotencyKey()).isNull();
        assertThat(command.payloadHash()).isNull();
    }

    @Test
    void putTakesTheIdFromThePath() {
        HttpResponse<Buffer> response =
                send(fx.api(HttpMethod.PUT, "/" + ITEMS + "/sku-9"), new JsonObject().put("name", "Widget"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/" + ITEMS + "/sku-9");
        Command command = fx.entities.only();
        assertThat(command.type()).isEqualTo(EntityType.ITEM);
        assertThat(command.pathId()).isEqualTo("sku-9");
        assertThat(command.body()).isEqualTo(Map.of("name", "Widget"));
    }

    @Test
    void everyCollectionOfTheIntakeIsMountedAndAnOtherIsNot() {
        assertThat(send(fx.api(HttpMethod.POST, "/" + ITEMS), new JsonObject().put("id", "sku-1"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(fx.entities.only().type()).isEqualTo(EntityType.ITEM);

        assertProblem(send(fx.api(HttpMethod.POST, "/widgets"), new JsonObject().put("id", "w-1")), 404, "not_found");
        assertProblem(
                send(fx.api(HttpMethod.POST, "/" + EntityType.CUSTOMER.wire()), new JsonObject().put("id", "c")),
                404,
                "not_found");
    }

    @ParameterizedTest
    @CsvSource({"CREATED, 202, created", "UPDATED, 202, updated", "UNCHANGED, 200, unchanged", "REPLAYED, 200, replayed"
    })
    void queuedWorkIs202AndNothingNewIs200(Outcome outcome, int status, String wire) {
        fx.entities.answer = command -> Future.succeededFuture(StubRecordEntity.recorded(command, outcome));

        HttpResponse<Buffer> response = send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/c-3"), new JsonObject());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo(wire);
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/" + CUSTOMERS + "/c-3");
    }

    @Test
    void anEntityWithNoTargetYetHasANullSync() {
        fx.entities.answer(new Result.Recorded(new EntityRef(EntityType.CUSTOMER, "c-4"), Outcome.UNCHANGED, Map.of()));

        JsonObject body = send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/c-4"), new JsonObject())
                .bodyAsJsonObject();

        assertThat(body.getJsonObject("sync"))
                .isEqualTo(new JsonObject().putNull("target").putNull("status"));
        assertThat(body.getJsonObject("targets")).isEmpty();
    }

    @Test
    void theLinkEscapesAnIdThatWouldBreakIt() {
        fx.entities.answer(
                new Result.Recorded(new EntityRef(EntityType.CUSTOMER, "a/b c?d"), Outcome.CREATED, Map.of()));

        HttpResponse<Buffer> response =
                send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), new JsonObject().put("id", "a/b c?d"));

        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/" + CUSTOMERS + "/a%2Fb%20c%3Fd");
        assertThat(response.bodyAsJsonObject().getString("id")).isEqualTo("a/b c?d");
    }

    @Test
    void theIdempotencyKeyGoesWithTheSha256OfTheRawBody() throws Exception {
        String raw = "{ \"id\" : \"c-5\",\n \"email\": \"é@example.com\" }";

        send(fx.api(HttpMethod.POST, "/" + CUSTOMERS).putHeader("Idempotency-Key", "key-1"), raw);

        Command command = fx.entities.only();
        assertThat(command.idempotencyKey()).isEqualTo(BearerAuth.fingerprint(HttpFixture.API_KEY) + "/key-1");
        assertThat(command.payloadHash())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256})
    void anIdempotencyKeyOfTheWrongLengthIsRefused(int length) {
        String key = length == 0 ? " " : "k".repeat(length);

        assertProblem(
                send(
                        fx.api(HttpMethod.POST, "/" + CUSTOMERS).putHeader("Idempotency-Key", key),
                        new JsonObject().put("id", "c")),
                400,
                "invalid_idempotency_key");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void anIdempotencyKeyOf255CharactersIsAccepted() {
        String key = "k".repeat(255);

        send(
                fx.api(HttpMethod.POST, "/" + CUSTOMERS).putHeader("Idempotency-Key", key),
                new JsonObject().put("id", "c"));

        assertThat(fx.entities.only().idempotencyKey())
                .isEqualTo(BearerAuth.fingerprint(HttpFixture.API_KEY) + "/" + key);
    }

    @Test
    void twoPlatformsUsingTheSameIdempotencyKeyNeverShareIt() {
        send(
                fx.api(HttpMethod.POST, "/" + CUSTOMERS).putHeader("Idempotency-Key", "order-1"),
                new JsonObject().put("id", "c"));
        send(
                fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                        .bearerTokenAuthentication(HttpFixture.OTHER_API_KEY)
                        .putHeader("Idempotency-Key", "order-1"),
                new JsonObject().put("id", "c"));

        assertThat(fx.entities.commands)
                .extracting(Command::idempotencyKey)
                .doesNotHaveDuplicates()
                .hasSize(2)
                .allSatisfy(k -> assertThat(k)
                        .endsWith("/order-1")
                        .doesNotContain(HttpFixture.API_KEY, HttpFixture.OTHER_API_KEY));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonp", "multipart/form-data"})
    void aBodyThatIsNotJsonByItsContentTypeIsRefused(String contentType) {
        HttpResponse<Buffer> response = fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                .putHeader("content-type", contentType)
                .sendBuffer(Buffer.buffer("{\"id\":\"c\"}"))
                .await();

        assertProblem(response, 415, "unsupported_media_type");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void aBodyWithoutAContentTypeIsRefused() {
        assertProblem(
                fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/c")
                        .sendBuffer(Buffer.buffer("{}"))
                        .await(),
                415,
                "unsupported_media_type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON", "application/vnd.platform+json"})
    void everyJsonContentTypeIsAccepted(String contentType) {
        HttpResponse<Buffer> response = fx.api(HttpMethod.POST, "/" + CUSTOMERS)
                .putHeader("content-type", contentType)
                .sendBuffer(Buffer.buffer("{\"id\":\"c\"}"))
                .await();

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"id\": \"c\", ", "[{\"id\": \"c\"}]", "\"c\"", "null", "42", "{} {}"})
    void aBodyThatIsNotOneJsonObjectIsMalformed(String body) {
        assertProblem(send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), body), 400, "malformed_json");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        JsonObject body = new JsonObject().put("id", "c").put("notes", "x".repeat((int) HttpFixture.BODY_LIMIT));

        assertProblem(send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), body), 413, "payload_too_large");
        assertProblem(send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/c"), body), 413, "payload_too_large");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void brokenRulesComeBackAsAValidationProblemNamingEachField() {
        fx.entities.answer(new Result.Invalid(List.of(
                new FieldError("email", "is required"), new FieldError("billing_address.zip", "must be a string"))));

        JsonObject problem = assertProblem(
                send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), new JsonObject().put("id", "c")),
                422,
                "validation_failed");

        assertThat(problem.getJsonArray("errors").getList())
                .containsExactly(
                        Map.of("field", "email", "message", "is required"),
                        Map.of("field", "billing_address.zip", "message", "must be a string"));
    }

    @Test
    void aReusedIdempotencyKeyIsAConflict() {
        fx.entities.answer(new Result.KeyReused());

        assertProblem(
                send(
                        fx.api(HttpMethod.POST, "/" + CUSTOMERS).putHeader("Idempotency-Key", "k"),
                        new JsonObject().put("id", "c")),
                409,
                "idempotency_key_reused");
    }

    @Test
    void putAnswersWithTheSameProblemsAsPost() {
        String path = "/" + CUSTOMERS + "/c-7";
        assertProblem(
                send(fx.api(HttpMethod.PUT, path).putHeader("Idempotency-Key", ""), new JsonObject()),
                400,
                "invalid_idempotency_key");
        assertProblem(send(fx.api(HttpMethod.PUT, path), "{"), 400, "malformed_json");
        assertThat(fx.entities.commands).isEmpty();

        fx.entities.answer(new Result.Invalid(List.of(new FieldError("id", "must match the id in the path"))));
        assertProblem(send(fx.api(HttpMethod.PUT, path), new JsonObject().put("id", "c-8")), 422, "validation_failed");
        fx.entities.answer(new Result.KeyReused());
        assertProblem(
                send(fx.api(HttpMethod.PUT, path).putHeader("Idempotency-Key", "k"), new JsonObject()),
                409,
                "idempotency_key_reused");
        fx.entities.answer = command -> Future.failedFuture(new IllegalStateException("boom"));
        assertProblem(send(fx.api(HttpMethod.PUT, path), new JsonObject()), 500, "internal_error");
    }

    @Test
    void nestedJsonReachesTheUseCaseAsPlainJavaValues() {
        String raw = "{\"id\":\"c-6\",\"address\":{\"city\":\"Cape Town\",\"geo\":{\"lat\":-33.9}},"
                + "\"tags\":[\"a\",{\"b\":[1,2,[true,null]]}],\"big\":12345678901234567890,\"n\":null}";

        send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), raw);

        Map<String, Object> body = fx.entities.only().body();
        assertPlain(body);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "c-6");
        expected.put("address", Map.of("city", "Cape Town", "geo", Map.of("lat", new java.math.BigDecimal("-33.9"))));
        expected.put("tags", List.of("a", Map.of("b", List.of(1, 2, java.util.Arrays.asList(true, null)))));
        expected.put("big", new java.math.BigInteger("12345678901234567890"));
        expected.put("n", null);
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void aFailedUseCaseIsAnInternalErrorThatTellsNothing() {
        fx.entities.answer = command -> Future.failedFuture(new IllegalStateException("password=hunter2 at db:5432"));

        HttpResponse<Buffer> response = send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), new JsonObject().put("id", "c"));

        assertProblem(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("hunter2", "IllegalState", "5432");
    }

    @Test
    void aUseCaseThatThrowsIsAnInternalErrorToo() {
        fx.entities.answer = command -> {
            throw new IllegalArgumentException("no mapping for secret-thing");
        };

        HttpResponse<Buffer> response = send(fx.api(HttpMethod.PUT, "/" + CUSTOMERS + "/c"), new JsonObject());

        assertProblem(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("secret-thing");
    }

    @Test
    void anAnswerTheAdapterCannotWriteIsAnInternalErrorNotAHangingRequest() {
        fx.entities.answer = command -> Future.succeededFuture(null);

        assertProblem(
                send(fx.api(HttpMethod.POST, "/" + CUSTOMERS), new JsonObject().put("id", "c")), 500, "internal_error");
    }

    private static void assertPlain(Object value) {
        assertThat(value.getClass().getName()).doesNotStartWith("io.vertx");
        if (value instanceof Map<?, ?> map) {
            map.values().stream().filter(v -> v != null).forEach(EntityRoutesTest::assertPlain);
        } else if (value instanceof List<?> list) {
            list.stream().filter(v -> v != null).forEach(EntityRoutesTest::assertPlain);
        } else {
            assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
