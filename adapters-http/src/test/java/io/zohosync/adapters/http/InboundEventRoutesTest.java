package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static io.zohosync.adapters.http.HttpFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.RecordEntityUseCase.Result;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.InboundEvents.Kept;
import io.zohosync.ports.out.InboundEvents.Received;
import io.zohosync.ports.out.InboundEvents.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Admin API for held events: {@code GET /admin/api/inbound-events}, {@code GET /admin/api/inbound-events/{id}} and
 * {@code POST /admin/api/inbound-events/{id}/match}, over the in-memory store and a stub intake.
 */
@ExtendWith(VertxExtension.class)
class InboundEventRoutesTest {

    private static final Instant AT = Instant.parse("2026-11-29T22:00:00Z");
    private static final String PAYMENT =
            "{\"id\":\"evt_u1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                    + "\"created\":1796000000,\"data\":{\"object\":{\"id\":\"pi_u1\",\"object\":\"payment_intent\","
                    + "\"amount\":1999,\"amount_received\":1999,\"currency\":\"usd\",\"metadata\":{\"note\":\"walk-in\"}}}}";
    private static final String CHARGE_REFUNDED = "{\"id\":\"evt_u2\",\"type\":\"charge.refunded\","
            + "\"created\":1796000000,\"data\":{\"object\":{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\"}}}";

    private HttpFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = HttpFixture.start(vertx);
        // what the platform has sent: a match may name only these
        for (String customer : List.of("c-1", "c-2", "c-42")) {
            sent(new SyncKey(EntityType.CUSTOMER, customer, SyncTarget.BOOKS));
        }
        sent(new SyncKey(EntityType.INVOICE, "o-7", SyncTarget.BOOKS));
    }

    private void sent(SyncKey key) {
        fx.status.held.add(new SyncRecordView(
                key, SyncStatus.SYNCED, "4600", 1, "written to Zoho", null, null, StubSyncStatus.UPDATED));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theListShowsEachEventsSummaryButNeverItsBody() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        HttpResponse<Buffer> response = fx.admin(HttpMethod.GET, "/inbound-events?status=unmatched&source=stripe")
                .send()
                .await();

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray events = response.bodyAsJsonObject().getJsonArray("events");
        assertThat(events).hasSize(1);
        JsonObject event = events.getJsonObject(0);
        assertThat(event.getLong("id")).isEqualTo(1L);
        assertThat(event.getString("source")).isEqualTo("stripe");
        assertThat(event.getString("event_id")).isEqualTo("evt_u1");
        assertThat(event.getString("type")).isEqualTo("payment_intent.succeeded");
        assertThat(event.getString("status")).isEqualTo("unmatched");
        assertThat(event.getString("reason")).isEqualTo("names no platform customer");
        assertThat(event.getString("received_at")).isEqualTo(AT.toString());
        assertThat(event.getString("amount")).isEqualTo("19.99");
        assertThat(event.getString("currency")).isEqualTo("USD");
        assertThat(event.getJsonObject("metadata").getMap()).isEqualTo(Map.of("note", "walk-in"));
        assertThat(event.containsKey("body")).isFalse();
        assertThat(response.bodyAsString()).doesNotContain("pi_u1");
        assertThat(response.bodyAsJsonObject().getValue("next_after")).isNull();
    }

    @Test
    void theListPagesByIdAndFiltersByStatus() {
        for (int i = 1; i <= 3; i++) {
            hold("evt_p" + i, "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);
        }
        hold("evt_f", "checkout.session.async_payment_failed", Status.FAILED_PAYMENT, PAYMENT);

        JsonObject first = fx.admin(HttpMethod.GET, "/inbound-events?status=unmatched&limit=2")
                .send()
                .await()
                .bodyAsJsonObject();
        long next = first.getLong("next_after");
        JsonObject second = fx.admin(HttpMethod.GET, "/inbound-events?status=unmatched&limit=2&after=" + next)
                .send()
                .await()
                .bodyAsJsonObject();
        JsonObject failed = fx.admin(HttpMethod.GET, "/inbound-events?status=failed_payment")
                .send()
                .await()
                .bodyAsJsonObject();

        assertThat(eventIds(first)).containsExactly("evt_p1", "evt_p2");
        assertThat(eventIds(second)).containsExactly("evt_p3");
        assertThat(second.getValue("next_after")).isNull();
        assertThat(eventIds(failed)).containsExactly("evt_f");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"status=open", "limit=0", "limit=501", "limit=x", "after=-1", "source=Str%20ipe", "after=1e3"})
    void aListQueryOutOfBoundsIsAValidationProblem(String query) {
        assertProblem(
                fx.admin(HttpMethod.GET, "/inbound-events?" + query).send().await(), 422, "validation_failed");
    }

    @Test
    void oneEventShowsItsBodyAsReceived() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.GET, "/inbound-events/1").send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getJsonObject("body")).isEqualTo(new JsonObject(PAYMENT));
        assertThat(response.bodyAsJsonObject().getString("event_id")).isEqualTo("evt_u1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "x", "99999999999999999999"})
    void anEventThatIsNotThereIsNotFound(String id) {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        assertProblem(fx.admin(HttpMethod.GET, "/inbound-events/" + id).send().await(), 404, "inbound_event_not_found");
        assertProblem(match(id, new JsonObject().put("customer_id", "c-1")), 404, "inbound_event_not_found");
        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void withoutTheAdminTokenNothingIsShownOrMatched() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        assertProblem(fx.http.get("/admin/api/inbound-events").send().await(), 401, "unauthorized");
        assertProblem(fx.http.get("/admin/api/inbound-events/1").send().await(), 401, "unauthorized");
        assertProblem(
                fx.http
                        .post("/admin/api/inbound-events/1/match")
                        .bearerTokenAuthentication(HttpFixture.API_KEY)
                        .sendJsonObject(new JsonObject().put("customer_id", "c-1"))
                        .await(),
                401,
                "unauthorized");
        assertThat(fx.entities.commands).isEmpty();
        assertThat(kept(1).status()).isEqualTo(Status.UNMATCHED);
    }

    @Test
    void aMatchRecordsThePaymentAsTheWebhookWouldHaveAndResolvesTheEvent() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        HttpResponse<Buffer> response =
                match("1", new JsonObject().put("customer_id", " c-42 ").put("order_id", "o-7"));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        Command command = fx.entities.only();
        assertThat(command.type()).isEqualTo(EntityType.PAYMENT);
        assertThat(command.idempotencyKey()).isEqualTo("stripe/evt_u1");
        assertThat(command.body())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "id", "pi_u1",
                        "provider_payment_id", "pi_u1",
                        "amount", "19.99",
                        "currency", "USD",
                        "customer_id", "c-42",
                        "invoice_id", "o-7",
                        "method", "stripe",
                        "date", "2026-11-30"));
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("resolved");
        assertThat(body.getJsonObject("payment").getString("id")).isEqualTo("pi_u1");
        assertThat(body.getJsonObject("payment").getString("outcome")).isEqualTo("created");
        Kept kept = kept(1);
        assertThat(kept.status()).isEqualTo(Status.RESOLVED);
        assertThat(kept.resolvedBy()).isEqualTo("admin:" + BearerAuth.fingerprint(HttpFixture.ADMIN_TOKEN));
        assertThat(kept.resolvedAt()).isNotNull();
        assertThat(kept.resolution()).contains("c-42", "o-7", "pi_u1");
        assertThat(fx.console.audited).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("admin-api");
            assertThat(entry.action()).isEqualTo("match");
            assertThat(entry.entity()).isEqualTo(new EntityRef(EntityType.PAYMENT, "pi_u1"));
            assertThat(entry.detail()).isEqualTo("held stripe event evt_u1 matched to customer c-42, order o-7");
        });
    }

    @Test
    void aMatchToACustomerOrOrderThePlatformNeverSentIsRefusedAndLeavesTheEventUnmatched() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        JsonObject customer =
                assertProblem(match("1", new JsonObject().put("customer_id", "c-4")), 422, "validation_failed");
        JsonObject order = assertProblem(
                match("1", new JsonObject().put("customer_id", "c-42").put("order_id", "o-8")),
                422,
                "validation_failed");

        assertThat(customer.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("customer_id");
        assertThat(customer.getJsonArray("errors").getJsonObject(0).getString("message"))
                .isEqualTo("the platform has sent no customer c-4; nothing was matched");
        assertThat(order.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("order_id");
        assertThat(fx.entities.commands).isEmpty();
        assertThat(kept(1).status()).as("still matchable, to the right id").isEqualTo(Status.UNMATCHED);
        assertThat(match("1", new JsonObject().put("customer_id", "c-42")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aResolvedEventIsAConflictOnASecondMatchAndNothingIsRecordedAgain() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);
        assertThat(match("1", new JsonObject().put("customer_id", "c-1")).statusCode())
                .isEqualTo(200);

        assertProblem(match("1", new JsonObject().put("customer_id", "c-2")), 409, "inbound_event_resolved");

        assertThat(fx.entities.commands).hasSize(1);
        assertThat(kept(1).resolution()).contains("c-1");
    }

    @Test
    void aFailedPaymentOrAnEventThatIsNoPaymentCannotBeMatched() {
        hold("evt_f", "checkout.session.async_payment_failed", Status.FAILED_PAYMENT, PAYMENT);
        hold("evt_u2", "charge.refunded", Status.UNMATCHED, CHARGE_REFUNDED);

        assertProblem(match("1", new JsonObject().put("customer_id", "c-1")), 409, "inbound_event_not_matchable");
        JsonObject problem = assertProblem(
                match("2", new JsonObject().put("customer_id", "c-1")), 409, "inbound_event_not_matchable");

        assertThat(problem.getString("detail")).contains("charge.refunded");
        assertThat(fx.entities.commands).isEmpty();
        assertThat(kept(1).status()).isEqualTo(Status.FAILED_PAYMENT);
        assertThat(kept(2).status()).isEqualTo(Status.UNMATCHED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"customer_id\":null}",
                "{\"customer_id\":\"  \"}",
                "{\"customer_id\":42}",
                "{\"customer_id\":\"c-1\",\"order_id\":7}",
                "{\"customer_id\":\"c-1\",\"order_id\":\" \"}"
            })
    void aMatchWithoutGoodIdsIsAValidationProblemAndChangesNothing(String body) {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        assertProblem(send(fx.admin(HttpMethod.POST, "/inbound-events/1/match"), body), 422, "validation_failed");

        assertThat(fx.entities.commands).isEmpty();
        assertThat(kept(1).status()).isEqualTo(Status.UNMATCHED);
    }

    @Test
    void aMatchWithABodyThatIsNotAJsonObjectIsMalformed() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);

        assertProblem(
                send(fx.admin(HttpMethod.POST, "/inbound-events/1/match"), "{\"customer_id\":"), 400, "malformed_json");
        assertProblem(send(fx.admin(HttpMethod.POST, "/inbound-events/1/match"), "[\"c-1\"]"), 400, "malformed_json");

        assertThat(fx.entities.commands).isEmpty();
    }

    @Test
    void aPaymentTheIntakeRefusesLeavesTheEventUnmatched() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);
        fx.entities.answer(new Result.Invalid(List.of(new FieldError("customer_id", "no such customer"))));

        assertProblem(match("1", new JsonObject().put("customer_id", "c-1")), 422, "validation_failed");
        fx.entities.answer(new Result.KeyReused());
        assertProblem(match("1", new JsonObject().put("customer_id", "c-1")), 409, "idempotency_key_reused");

        assertThat(kept(1).status()).isEqualTo(Status.UNMATCHED);
    }

    @Test
    void aStoreThatFailsIsAnInternalErrorThatTellsNothing() {
        hold("evt_u1", "payment_intent.succeeded", Status.UNMATCHED, PAYMENT);
        fx.entities.answer = command -> Future.failedFuture(new IllegalStateException("deadlock in platform_entities"));

        HttpResponse<Buffer> response = match("1", new JsonObject().put("customer_id", "c-1"));

        assertProblem(response, 500, "internal_error");
        assertThat(response.bodyAsString()).doesNotContain("deadlock");
        assertThat(kept(1).status()).isEqualTo(Status.UNMATCHED);
    }

    private HttpResponse<Buffer> match(String id, JsonObject body) {
        return send(fx.admin(HttpMethod.POST, "/inbound-events/" + id + "/match"), body);
    }

    private void hold(String eventId, String type, Status status, String body) {
        fx.inbound
                .keep(new Received(
                        "stripe",
                        eventId,
                        type,
                        status,
                        status == Status.UNMATCHED ? "names no platform customer" : "the delayed payment failed",
                        AT,
                        new BigDecimal("19.99"),
                        "USD",
                        null,
                        null,
                        Map.of("note", "walk-in"),
                        body))
                .await();
    }

    private Kept kept(long id) {
        return fx.inbound.find(id).await().orElseThrow().event();
    }

    private static List<String> eventIds(JsonObject page) {
        return page.getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("event_id"))
                .toList();
    }
}
