package io.zohosync.adapters.http;

import static io.zohosync.adapters.http.HttpFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.http.webhooks.ZohoWebhookSignature;
import io.zohosync.ports.in.BillingEventsUseCase;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /webhooks/zoho-billing}: each problem code, nothing handed on when refused, the event read as sent. */
@ExtendWith(VertxExtension.class)
class ZohoBillingWebhookRoutesTest {

    private static final String SECRET = "billing-secret-0123";

    private final List<BillingEventsUseCase.Event> received = new CopyOnWriteArrayList<>();
    private final BillingEventsUseCase events = event -> {
        received.add(event);
        return Future.succeededFuture(BillingEventsUseCase.Outcome.APPLIED);
    };
    private HttpServer server;
    private WebClient http;

    private void start(Vertx vertx, HttpAdapters.BillingEvents billing) {
        var endpoints = new HttpAdapters.Endpoints(
                new StubRecordEntity(),
                new StubSyncStatus(),
                new StubAdminSync(),
                new StubConnectZoho(),
                new InMemoryInboundEvents(),
                List.of(new Readiness("stub", () -> Future.succeededFuture(new JsonObject()))),
                () -> "",
                new StubConsole(),
                new StubConsole(),
                new StubReconcile(),
                null,
                null,
                null);
        server = vertx.createHttpServer()
                .requestHandler(HttpAdapters.router(
                        vertx,
                        HttpFixture.settings(HttpFixture.BODY_LIMIT),
                        endpoints,
                        Optional.empty(),
                        (type, outcome) -> {},
                        HttpAdapters.Stock.NONE,
                        billing))
                .listen(0)
                .await();
        http = WebClient.create(
                vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
    }

    private void start(Vertx vertx) {
        start(
                vertx,
                new HttpAdapters.BillingEvents(
                        Optional.of(events), Optional.of(SECRET), ZohoWebhookSignature.Encoding.HEX));
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
            server.close().await();
        }
    }

    @Test
    void a_signed_event_is_handed_on_with_its_query_signed_too(Vertx vertx) throws Exception {
        start(vertx);
        String body =
                "{\"event_id\":\"901\",\"event_type\":\"payment_declined\",\"event_time\":\"2026-11-30T08:00:00+0200\","
                        + "\"data\":{\"payment\":{\"payment_id\":\"P1\",\"note\":null}}}";

        HttpResponse<Buffer> response = post("?z=1&a=b%20c", sign("ab cz1" + body), body);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("outcome", "applied").put("event", "901"));
        BillingEventsUseCase.Event event = received.get(0);
        assertThat(event.eventId()).isEqualTo("901");
        assertThat(event.type()).isEqualTo("payment_declined");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(event.via()).isEqualTo("webhook");
        assertThat(event.rawBody()).isEqualTo(body);
        assertThat(event.data().get("payment")).isEqualTo(java.util.Map.of("payment_id", "P1"));
    }

    @Test
    void each_refusal_has_its_code_and_hands_nothing_on(Vertx vertx) throws Exception {
        start(vertx);
        String body = "{\"event_id\":\"1\",\"event_type\":\"invoice_created\",\"data\":{}}";
        assertProblem(post("", null, body), 400, "invalid_signature");
        assertProblem(post("", sign("x" + body), body), 400, "invalid_signature");
        assertProblem(post("?extra=1", sign(body), body), 400, "invalid_signature");
        assertProblem(post("", sign("[1]"), "[1]"), 400, "malformed_json");
        String noId = "{\"event_type\":\"invoice_created\"}";
        assertProblem(post("", sign(noId), noId), 422, "validation_failed");
        String noType = "{\"event_id\":\"2\"}";
        assertProblem(post("", sign(noType), noType), 422, "validation_failed");
        String big = "{\"event_id\":\"3\",\"pad\":\"" + "x".repeat((int) HttpFixture.BODY_LIMIT) + "\"}";
        assertProblem(post("", sign(big), big), 413, "payload_too_large");
        assertThat(received).isEmpty();
    }

    @Test
    void without_a_secret_the_route_is_not_configured(Vertx vertx) throws Exception {
        start(vertx, HttpAdapters.BillingEvents.NONE);
        String body = "{\"event_id\":\"1\",\"event_type\":\"invoice_created\",\"data\":{}}";

        assertProblem(post("", sign(body), body), 404, "zoho_billing_not_configured");
        assertThat(received).isEmpty();
    }

    private HttpResponse<Buffer> post(String query, String signature, String body) {
        var request = http.post("/webhooks/zoho-billing" + query).putHeader("content-type", "application/json");
        if (signature != null) {
            request.putHeader("X-Zoho-Webhook-Signature", signature);
        }
        return request.sendBuffer(Buffer.buffer(body)).await();
    }

    private static String sign(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
