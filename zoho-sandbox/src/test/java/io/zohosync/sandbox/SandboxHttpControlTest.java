package io.zohosync.sandbox;

import static io.zohosync.sandbox.SandboxClient.await;
import static io.zohosync.sandbox.SandboxClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 15: the standalone sandbox answers what happened, and takes its switches, over HTTP under /__sandbox. */
@ExtendWith(VertxExtension.class)
class SandboxHttpControlTest {
    private SandboxClient client;
    private String token;

    @BeforeEach
    void start(Vertx vertx) {
        client = SandboxClient.start(vertx, SandboxOptions.defaults().withTimeScale(1e-9));
        token = client.accessToken();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void callsRefusalsRefreshesAndRecordsByMarkerAreTold() {
        send(client.books(HttpMethod.POST, "/contacts", token), new JsonObject().put("contact_name", "cus-4711"));
        control("/limits", new JsonObject().put("per_day", 1));
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(429);

        JsonObject calls = get("/calls").bodyAsJsonObject();
        assertThat(calls.getJsonObject("calls").getInteger("POST /books/v3/contacts"))
                .isEqualTo(1);
        assertThat(calls.getJsonObject("calls").getInteger("GET /books/v3/contacts"))
                .isEqualTo(1);
        assertThat(calls.getJsonObject("too_many_requests"))
                .isEqualTo(new JsonObject()
                        .put("total", 1)
                        .put("PER_MINUTE", 0)
                        .put("PER_DAY", 1)
                        .put("CONCURRENCY", 0));
        assertThat(calls.getInteger("token_refreshes")).isEqualTo(1);

        JsonObject records = get("/records?marker=CUS-4711").bodyAsJsonObject();
        assertThat(records.getJsonArray("records")).hasSize(1);
        JsonObject record = records.getJsonArray("records").getJsonObject(0);
        assertThat(record.getString("entity")).isEqualTo("contacts");
        assertThat(record.getJsonObject("body").getString("contact_name")).isEqualTo("cus-4711");
        assertThat(get("/records?marker=nobody").bodyAsJsonObject().getJsonArray("records"))
                .isEmpty();
    }

    @Test
    void faultsLimitsClockLatencyStrictAndTokensAreSwitched() {
        control("/faults", new JsonObject().put("fail_next", "server_error").put("times", 1));
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(500);
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(200);

        Instant before = Instant.parse(
                control("/clock", new JsonObject()).bodyAsJsonObject().getString("now"));
        JsonObject clock =
                control("/clock", new JsonObject().put("advance_seconds", 7200)).bodyAsJsonObject();
        assertThat(Instant.parse(clock.getString("now"))).isAfter(before.plus(Duration.ofMinutes(119)));
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .as("the access token expired an hour after it was issued")
                .isEqualTo(401);
        token = client.accessToken();

        control("/tokens/expire", new JsonObject());
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(401);
        token = client.accessToken();
        assertThat(control("/tokens/revoke", new JsonObject().put("token", token))
                        .bodyAsJsonObject()
                        .getBoolean("revoked"))
                .isTrue();
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(401);
        token = client.accessToken();

        control("/strict", new JsonObject().put("strict", true));
        assertThat(send(client.books(HttpMethod.GET, "/contacts?emails=x", token))
                        .statusCode())
                .isEqualTo(400);
        control("/strict", new JsonObject().put("strict", false));

        control("/latency", new JsonObject().put("millis", 150));
        long started = System.nanoTime();
        assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void badInputIsRefusedWithAStableCodeAndChangesNothing() {
        HttpResponse<Buffer> badFault = control("/faults", new JsonObject().put("fail_next", "BOOM"));
        HttpResponse<Buffer> badLimit =
                control("/limits", new JsonObject().put("per_day", 5).put("concurrency", 0));
        HttpResponse<Buffer> notJson = await(client.web.post("/__sandbox/clock").sendBuffer(Buffer.buffer("soon")));
        HttpResponse<Buffer> unknown = control("/nothing-here", new JsonObject());

        for (HttpResponse<Buffer> refused : java.util.List.of(badFault, badLimit, notJson)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("invalid_control");
        }
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get("/records").statusCode()).isEqualTo(400);
        for (int i = 0; i < 6; i++) {
            assertThat(send(client.books(HttpMethod.GET, "/contacts", token)).statusCode())
                    .as("neither the fault nor the day's limit of 5 was set")
                    .isEqualTo(200);
        }
    }

    private HttpResponse<Buffer> get(String path) {
        return await(client.web.get(SandboxHttpControl.PREFIX + path).send());
    }

    private HttpResponse<Buffer> control(String path, JsonObject body) {
        return await(client.web.post(SandboxHttpControl.PREFIX + path).sendJsonObject(body));
    }
}
