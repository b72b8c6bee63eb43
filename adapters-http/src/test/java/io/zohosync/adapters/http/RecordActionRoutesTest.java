package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static io.zohosync.adapters.http.HttpFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.AdminSyncUseCase.Command;
import io.zohosync.ports.in.AdminSyncUseCase.Result;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Admin API, acting: {@code POST /admin/api/sync/{entity}/{id}/{target}/{retry|reset|link|unlink}}. */
@ExtendWith(VertxExtension.class)
class RecordActionRoutesTest {

    private static final SyncKey KEY = new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS);
    private static final String RECORD = "/sync/" + KEY.type().wire() + "/" + KEY.entityId() + "/"
            + KEY.target().wire();

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest
    @EnumSource(
            value = Action.class,
            names = {"RETRY", "RESET", "UNLINK"})
    void anActionOnARecordAnswersWithTheRecordAsItNowStands(Action action) {
        HttpResponse<Buffer> response = fx.admin(
                        HttpMethod.POST, RECORD + "/" + action.name().toLowerCase(Locale.ROOT))
                .send()
                .await();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("content-type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo(SyncStatus.PENDING.wire());
        assertThat(response.bodyAsJsonObject().getString("target")).isEqualTo(SyncTarget.BOOKS.wire());
        assertThat(fx.admin.commands).containsExactly(new Command(KEY, action, null));
    }

    @Test
    void everyTargetOfEveryEntityTypeIsAddressable() {
        SyncKey key = new SyncKey(EntityType.ITEM, "sku 1/2", SyncTarget.INVENTORY);

        fx.admin(
                        HttpMethod.POST,
                        "/sync/" + key.type().wire() + "/sku%201%2F2/"
                                + key.target().wire() + "/retry")
                .send()
                .await();

        assertThat(fx.admin.commands).containsExactly(new Command(key, Action.RETRY, null));
    }

    @Test
    void linkTakesTheZohoIdFromTheBody() {
        HttpResponse<Buffer> response =
                send(fx.admin(HttpMethod.POST, RECORD + "/link"), new JsonObject().put("zoho_id", " 460000000012345 "));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fx.admin.commands).containsExactly(new Command(KEY, Action.LINK, "460000000012345"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"zoho_id\": \"  \"}", "{\"zoho_id\": null}", "{\"zoho_id\": 460000000012345}"})
    void linkWithoutAZohoIdIsAValidationProblemNamingIt(String body) {
        JsonObject problem =
                assertProblem(send(fx.admin(HttpMethod.POST, RECORD + "/link"), body), 422, "validation_failed");

        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("zoho_id");
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void linkWithNoBodyAtAllIsAValidationProblemToo() {
        assertProblem(fx.admin(HttpMethod.POST, RECORD + "/link").send().await(), 422, "validation_failed");
    }

    @Test
    void linkWithAZohoIdLongerThanAnyIsAValidationProblem() {
        assertProblem(
                send(fx.admin(HttpMethod.POST, RECORD + "/link"), new JsonObject().put("zoho_id", "4".repeat(300))),
                422,
                "validation_failed");
        assertThat(fx.admin.commands).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"zoho_id\": ", "[\"460000000012345\"]"})
    void linkWithABodyThatIsNotAJsonObjectIsMalformed(String body) {
        assertProblem(send(fx.admin(HttpMethod.POST, RECORD + "/link"), body), 400, "malformed_json");
    }

    @Test
    void linkWithABodyOverTheLimitIsRefused() {
        JsonObject body = new JsonObject().put("zoho_id", "1").put("pad", "x".repeat((int) HttpFixture.BODY_LIMIT));

        assertProblem(send(fx.admin(HttpMethod.POST, RECORD + "/link"), body), 413, "payload_too_large");
    }

    @Test
    void aZohoRecordThatCannotBeFoundRefusesTheLink() {
        fx.admin.answer(new Result.LinkRefused("Books has no contact 460000000012345"));

        JsonObject problem = assertProblem(
                send(fx.admin(HttpMethod.POST, RECORD + "/link"), new JsonObject().put("zoho_id", "460000000012345")),
                422,
                "zoho_record_not_found");

        assertThat(problem.getString("detail")).isEqualTo("Books has no contact 460000000012345");
    }

    @Test
    void aLinkZohoCannotConfirmNowIsUnavailableNotRefused() {
        fx.admin.answer(new Result.ZohoUnavailable("Zoho could not be asked about record 1 now"));

        JsonObject problem = assertProblem(
                send(fx.admin(HttpMethod.POST, RECORD + "/link"), new JsonObject().put("zoho_id", "1")),
                503,
                "zoho_unavailable");

        assertThat(problem.getString("detail")).isEqualTo("Zoho could not be asked about record 1 now");
    }

    @Test
    void anActionTheStateMachineRefusesIsAConflictSayingWhy() {
        fx.admin.answer(new Result.Refused("a failed record cannot be unlinked"));

        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.POST, RECORD + "/unlink").send().await(), 409, "transition_not_allowed");

        assertThat(problem.getString("detail")).isEqualTo("a failed record cannot be unlinked");
    }

    @Test
    void anActionOnARecordThatDoesNotExistIsNotFound() {
        fx.admin.answer(new Result.NotFound());

        JsonObject problem = assertProblem(
                fx.admin(HttpMethod.POST, RECORD + "/retry").send().await(), 404, "record_not_found");

        assertThat(problem.getString("detail")).contains(KEY.entityId());
    }

    @Test
    void anUnknownEntityTypeOrTargetIsNotFoundByName() {
        assertProblem(
                fx.admin(HttpMethod.POST, "/sync/spaceship/c-1/" + SyncTarget.BOOKS.wire() + "/retry")
                        .send()
                        .await(),
                404,
                "unknown_entity_type");
        assertProblem(
                fx.admin(HttpMethod.POST, "/sync/" + EntityType.CUSTOMER.wire() + "/c-1/mars/retry")
                        .send()
                        .await(),
                404,
                "unknown_target");
        assertProblem(
                send(
                        fx.admin(HttpMethod.POST, "/sync/" + EntityType.CUSTOMER.wire() + "/c-1/mars/link"),
                        new JsonObject()),
                404,
                "unknown_target");
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void anIdNoRecordCanHaveIsNotFound() {
        String target = "/" + SyncTarget.BOOKS.wire() + "/retry";
        assertProblem(
                fx.admin(HttpMethod.POST, "/sync/" + EntityType.CUSTOMER.wire() + "/%20" + target)
                        .send()
                        .await(),
                404,
                "record_not_found");
        assertProblem(
                fx.admin(HttpMethod.POST, "/sync/" + EntityType.CUSTOMER.wire() + "/" + "x".repeat(300) + target)
                        .send()
                        .await(),
                404,
                "record_not_found");
        assertThat(fx.admin.commands).isEmpty();
    }

    @Test
    void anUnknownActionIsNotFound() {
        assertProblem(fx.admin(HttpMethod.POST, RECORD + "/delete").send().await(), 404, "not_found");
        assertProblem(
                fx.admin(HttpMethod.POST, "/sync/" + EntityType.CUSTOMER.wire() + "/c-1/retry")
                        .send()
                        .await(),
                404,
                "not_found");
    }

    @Test
    void actionsArePostsOnly() {
        assertProblem(fx.admin(HttpMethod.GET, RECORD + "/retry").send().await(), 405, "method_not_allowed");
    }

    @Test
    void aFailedActionIsAnInternalErrorThatTellsNothing() {
        fx.admin.answer = command -> Future.failedFuture(new IllegalStateException("deadlock detected in sync_jobs"));

        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.POST, RECORD + "/reset").send().await();

        assertProblem(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("deadlock", "sync_jobs");
    }
}
