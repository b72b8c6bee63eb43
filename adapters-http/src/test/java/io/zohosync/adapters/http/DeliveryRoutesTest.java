package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox.Attempt;
import io.zohosync.ports.out.PlatformOutbox.Result;
import io.zohosync.ports.out.PlatformOutbox.Status;
import java.time.Duration;
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
 * Admin API for the platform's outbound webhooks: {@code GET /admin/api/deliveries}, {@code GET
 * /admin/api/deliveries/{id}} and {@code POST /admin/api/deliveries/{id}/retry}, over the in-memory outbox.
 */
@ExtendWith(VertxExtension.class)
class DeliveryRoutesTest {

    private static final Instant AT = Instant.parse("2026-11-30T07:00:00.5Z");

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
    void theListPagesByIdAndFiltersByStatusAndStream() {
        publish("stock:W-1", 1);
        publish("stock:W-1", 2);
        publish("stock:W-2", 3);
        fail(3, 1, Result.DEAD);

        JsonObject first = list("?status=pending&stream=stock%3AW-1&limit=1");
        JsonObject second = list("?status=pending&stream=stock%3AW-1&limit=1&after=" + first.getLong("next_after"));
        JsonObject dead = list("?status=dead");

        assertThat(ids(first)).containsExactly(1L);
        assertThat(ids(second)).containsExactly(2L);
        assertThat(list("?status=pending&stream=stock%3AW-1&limit=1&after=2").getJsonArray("deliveries"))
                .isEmpty();
        assertThat(ids(dead)).containsExactly(3L);
        JsonObject row = dead.getJsonArray("deliveries").getJsonObject(0);
        assertThat(row.getString("type")).isEqualTo("stock.changed");
        assertThat(row.getString("stream")).isEqualTo("stock:W-2");
        assertThat(row.getString("status")).isEqualTo("dead");
        assertThat(row.getInteger("attempts")).isEqualTo(1);
        assertThat(row.getString("webhook_id")).hasSize(36);
        assertThat(row.getString("occurred_at")).isEqualTo(AT.toString());
        assertThat(row.getValue("next_attempt_at")).isNull();
        assertThat(row.getString("last_error")).isEqualTo("HTTP 500");
        assertThat(row.containsKey("data")).as("the list shows no data").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=gone", "limit=0", "limit=501", "limit=x", "after=-1", "after=1e3"})
    void aListQueryOutOfBoundsIsAValidationProblem(String query) {
        assertProblem(fx.admin(HttpMethod.GET, "/deliveries?" + query).send().await(), 422, "validation_failed");
    }

    @Test
    void aStreamLongerThanAnyIsAValidationProblem() {
        assertProblem(
                fx.admin(HttpMethod.GET, "/deliveries?stream=" + "s".repeat(201))
                        .send()
                        .await(),
                422,
                "validation_failed");
    }

    @Test
    void oneDeliveryShowsItsDataAndEveryAttempt() {
        publish("stock:W-1", 7);
        fail(1, 1, Result.retryAt(AT.plusSeconds(5)));

        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.GET, "/deliveries/1").send().await();

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getJsonObject("data"))
                .isEqualTo(new JsonObject().put("sku", "W-1").put("n", 7));
        assertThat(body.getString("status")).isEqualTo("pending");
        assertThat(body.getString("next_attempt_at"))
                .isEqualTo(AT.plusSeconds(5).toString());
        JsonArray attempts = body.getJsonArray("attempt_log");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("attempt", 1)
                        .put("at", AT.toString())
                        .put("http_status", 500)
                        .put("error", "HTTP 500")
                        .put("duration_ms", 40));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "x", "99999999999999999999"})
    void anUnknownDeliveryIsNotFound(String id) {
        publish("stock:W-1", 1);
        assertProblem(fx.admin(HttpMethod.GET, "/deliveries/" + id).send().await(), 404, "delivery_not_found");
        assertProblem(
                fx.admin(HttpMethod.POST, "/deliveries/" + id + "/retry").send().await(), 404, "delivery_not_found");
        assertThat(fx.console.audited).isEmpty();
    }

    @Test
    void aDeadDeliveryIsMadeDueNowAndTheRetryIsAudited() {
        publish("stock:W-1", 1);
        fail(1, 8, Result.DEAD);

        HttpResponse<Buffer> response = fx.admin(HttpMethod.POST, "/deliveries/1/retry")
                .putHeader("X-Admin-Actor", "ops@example.com")
                .send()
                .await();

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("pending");
        assertThat(response.bodyAsJsonObject().getInteger("attempts")).isEqualTo(8);
        assertThat(await(fx.outbox.claim("worker", 10, Instant.now().plusSeconds(1), Duration.ofMinutes(1))))
                .as("due now")
                .hasSize(1);
        assertThat(fx.console.audited).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ops@example.com");
            assertThat(entry.action()).isEqualTo("retry_delivery");
            assertThat(entry.entity()).isEqualTo(new EntityRef(EntityType.STOCK, "W-1"));
            assertThat(entry.detail()).contains("delivery 1", "dead after 8 attempts");
        });
    }

    @Test
    void aDeliveredDeliveryIsAConflictAndNothingIsAudited() {
        publish("stock:W-1", 1);
        var claimed = await(fx.outbox.claim("w", 10, Instant.now().plusSeconds(1), Duration.ofMinutes(1)));
        await(fx.outbox.record(claimed.get(0).id(), "w", new Attempt(1, AT, 204, null, 3), Result.DELIVERED));

        assertProblem(fx.admin(HttpMethod.POST, "/deliveries/1/retry").send().await(), 409, "delivery_delivered");
        assertThat(fx.console.audited).isEmpty();
        assertThat(await(fx.outbox.find(1)).orElseThrow().message().status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void theRoutesNeedTheAdminToken() {
        assertProblem(fx.http.get("/admin/api/deliveries").send().await(), 401, "unauthorized");
        assertProblem(
                fx.http
                        .get("/admin/api/deliveries")
                        .bearerTokenAuthentication(HttpFixture.API_KEY)
                        .send()
                        .await(),
                401,
                "unauthorized");
    }

    private void publish(String stream, int n) {
        await(fx.outbox.publish(
                new PlatformMessage("stock.changed", stream, Map.of("sku", stream.substring(6), "n", n), AT)));
    }

    /** Claims every due message and records a failed attempt {@code number} of message {@code id}. */
    private void fail(long id, int number, Result result) {
        await(fx.outbox.claim("w", 100, Instant.now().plusSeconds(1), Duration.ofMinutes(1)));
        await(fx.outbox.record(id, "w", new Attempt(number, AT, 500, "HTTP 500", 40), result));
        await(fx.outbox.release("w"));
    }

    private JsonObject list(String query) {
        HttpResponse<Buffer> response =
                fx.admin(HttpMethod.GET, "/deliveries" + query).send().await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("deliveries").stream()
                .map(o -> ((JsonObject) o).getLong("id"))
                .toList();
    }

    private static <T> T await(Future<T> future) {
        return future.await();
    }
}
