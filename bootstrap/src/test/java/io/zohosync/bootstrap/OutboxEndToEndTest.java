package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox.Page;
import io.zohosync.ports.out.PlatformOutbox.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's outbox end to end: messages published in intake transactions reach a real local HTTP receiver as
 * Standard Webhooks, verified by the specification's own Java library; failed attempts are retried on the configured
 * schedule and logged; order holds per stream; a restart loses nothing.
 */
@ExtendWith(VertxExtension.class)
class OutboxEndToEndTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** A request the receiver got and the status it answered. */
    private record Received(String id, String timestamp, String signature, String body, int answered) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private Vertx vertx;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The status to answer, given the request and how many requests of its webhook-id came before it. */
    private volatile Function<Received, Integer> answer = r -> 204;

    private RunningService service;
    private PostgresAdapters platformSide;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        receiver = await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Received r = new Received(
                            req.getHeader("webhook-id"),
                            req.getHeader("webhook-timestamp"),
                            req.getHeader("webhook-signature"),
                            body.toString(),
                            0);
                    int status = answer.apply(r);
                    received.add(new Received(r.id(), r.timestamp(), r.signature(), r.body(), status));
                    req.response().setStatusCode(status).end(status >= 500 ? "{\"error\":\"busy\"}" : "");
                }))
                .listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (platformSide != null) {
            await(platformSide.close());
        }
        if (service != null) {
            service.stop();
        }
    }

    private void startService(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "ZSYNC_PLATFORM_WEBHOOK_SECRET", SECRET,
                "ZSYNC_OUTBOX_POLL_MS", "50",
                "ZSYNC_OUTBOX_BACKOFF", "300ms,300ms,300ms"));
        env.putAll(extra);
        service = RunningService.start(vertx, "outbox", env);
        platformSide = PostgresAdapters.connect(
                vertx, DatabaseSettings.fromUrl(service.environment.get("ZSYNC_DATABASE_URL"), 2));
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.actualPort() + "/platform/webhooks";
    }

    @Test
    void a_message_reaches_the_platform_signed_and_is_delivered_on_the_third_attempt_after_two_failures()
            throws Exception {
        startService(Map.of("ZSYNC_PLATFORM_WEBHOOK_URL", url()));
        answer = r -> previous(r) < 2 ? (previous(r) == 0 ? 500 : 503) : 204;
        String stream = "stock:" + UUID.randomUUID();
        Instant occurred = Instant.parse("2026-11-30T07:00:00.123Z");

        publish(new PlatformMessage("stock.changed", stream, Map.of("sku", "W-1", "level", 7), occurred));

        JsonObject delivery = awaitDelivery(stream, "delivered");
        assertThat(delivery.getInteger("attempts")).isEqualTo(3);
        JsonArray log = delivery.getJsonArray("attempt_log");
        assertThat(log.stream().map(a -> ((JsonObject) a).getInteger("http_status")))
                .containsExactly(500, 503, 204);
        assertThat(log.getJsonObject(0).getString("error")).isEqualTo("HTTP 500: {\"error\":\"busy\"}");
        assertThat(log.getJsonObject(2).getValue("error")).isNull();

        List<Received> mine = of(stream);
        assertThat(mine).hasSize(3).allSatisfy(r -> {
            assertThat(r.id()).isEqualTo(delivery.getString("webhook_id"));
            verify(r);
            assertThat(r.json())
                    .isEqualTo(new JsonObject()
                            .put("type", "stock.changed")
                            .put("timestamp", "2026-11-30T07:00:00.123Z")
                            .put("data", new JsonObject().put("sku", "W-1").put("level", 7)));
        });

        HttpResponse<Buffer> metrics = await(service.http.get("/metrics").send());
        assertThat(metrics.bodyAsString())
                .containsPattern("zsync_outbox_deliveries_total\\{outcome=\"delivered\"} [1-9]")
                .containsPattern("zsync_outbox_deliveries_total\\{outcome=\"retry\"} [2-9]")
                .contains("zsync_outbox_pending");
    }

    @Test
    void a_stream_waits_for_its_failing_first_message_while_another_stream_is_delivered() throws Exception {
        startService(Map.of("ZSYNC_PLATFORM_WEBHOOK_URL", url()));
        String a = "subscription:" + UUID.randomUUID();
        String b = "subscription:" + UUID.randomUUID();
        answer = r -> r.json().getJsonObject("data").getString("n").equals("a1") && previous(r) < 2 ? 500 : 200;

        publish(new PlatformMessage("payment.failed", a, Map.of("n", "a1"), Instant.now()));
        publish(new PlatformMessage("payment.succeeded", a, Map.of("n", "a2"), Instant.now()));
        publish(new PlatformMessage("payment.failed", b, Map.of("n", "b1"), Instant.now()));

        awaitDelivery(
                a,
                "delivered",
                r -> r.getJsonArray("deliveries").size() == 2
                        && r.getJsonArray("deliveries").stream()
                                .allMatch(d ->
                                        ((JsonObject) d).getString("status").equals("delivered")));

        // each test has its own service and database: everything received is this test's
        List<String> order = received.stream()
                .map(r -> r.json().getJsonObject("data").getString("n") + "=" + r.answered())
                .toList();
        assertThat(order).containsSubsequence("a1=500", "a1=500", "a1=200", "a2=200");
        assertThat(order.indexOf("a2=200")).as("a2 only after a1 was delivered").isGreaterThan(order.indexOf("a1=200"));
        assertThat(order.indexOf("b1=200")).as("b is not held back by a").isLessThan(order.indexOf("a1=200"));
    }

    @Test
    void a_message_kept_pending_without_a_url_is_delivered_after_a_restart_with_one() throws Exception {
        startService(Map.of());
        String stream = "stock:" + UUID.randomUUID();
        publish(new PlatformMessage("stock.changed", stream, Map.of("sku", "W-9"), Instant.now()));

        JsonObject ready = await(service.http.get("/health/ready").send()).bodyAsJsonObject();
        JsonObject webhooks = ready.getJsonArray("checks").stream()
                .map(c -> (JsonObject) c)
                .filter(c -> c.getString("id").equals("platform_webhooks"))
                .findFirst()
                .orElseThrow();
        assertThat(webhooks.getString("status")).isEqualTo("UP");
        assertThat(webhooks.getJsonObject("data").getBoolean("configured")).isFalse();
        assertThat(webhooks.getJsonObject("data").getLong("pending")).isGreaterThanOrEqualTo(1L);
        assertThat(awaitDelivery(stream, "pending").getInteger("attempts")).isZero();

        await(service.app.stop());
        Map<String, String> env = new HashMap<>(service.environment);
        env.put("ZSYNC_PLATFORM_WEBHOOK_URL", url());
        ZohoSyncApp restarted = await(ZohoSyncApp.start(vertx, env));
        try {
            awaitReceived(stream);
            assertThat(of(stream)).singleElement().satisfies(OutboxEndToEndTest::verify);
        } finally {
            await(restarted.stop());
        }
        assertThat(await(platformSide.platformOutbox().list(new Page(Optional.empty(), Optional.of(stream), 0, 10)))
                        .get(0)
                        .status())
                .isEqualTo(Status.DELIVERED);
    }

    @Test
    void a_message_waiting_for_its_retry_when_the_service_stops_is_delivered_by_the_next_one() throws Exception {
        startService(Map.of("ZSYNC_PLATFORM_WEBHOOK_URL", url(), "ZSYNC_OUTBOX_BACKOFF", "1s,1s,1s"));
        answer = r -> 503;
        String stream = "subscription:" + UUID.randomUUID();
        publish(new PlatformMessage("invoice.created", stream, Map.of("id", "i-1"), Instant.now()));
        awaitDelivery(
                stream,
                "pending",
                p -> p.getJsonArray("deliveries").size() == 1
                        && p.getJsonArray("deliveries").getJsonObject(0).getInteger("attempts") >= 1);

        await(service.app.stop());
        answer = r -> 200;
        ZohoSyncApp restarted = await(ZohoSyncApp.start(vertx, service.environment));
        try {
            awaitReceived(stream, r -> r.answered() == 200);
        } finally {
            await(restarted.stop());
        }

        List<Received> mine = of(stream);
        assertThat(mine).extracting(Received::answered).endsWith(200).contains(503);
        assertThat(mine).extracting(Received::id).containsOnly(mine.get(0).id());
        mine.forEach(OutboxEndToEndTest::verify);
        var detail = await(platformSide.platformOutbox().list(new Page(Optional.empty(), Optional.of(stream), 0, 1)))
                .get(0);
        assertThat(detail.status()).isEqualTo(Status.DELIVERED);
        assertThat(detail.attempts()).as("the count went on across the restart").isEqualTo(mine.size());
    }

    /** How many requests with this one's webhook-id the receiver answered before it. */
    private int previous(Received r) {
        return (int) received.stream().filter(x -> x.id().equals(r.id())).count();
    }

    private List<Received> of(String stream) throws Exception {
        List<String> ids =
                await(platformSide.platformOutbox().list(new Page(Optional.empty(), Optional.of(stream), 0, 100)))
                        .stream()
                        .map(m -> m.messageId().toString())
                        .toList();
        return received.stream().filter(r -> ids.contains(r.id())).toList();
    }

    private void publish(PlatformMessage message) throws Exception {
        await(platformSide.intake().inTransaction(tx -> tx.publish(message)));
    }

    private static void verify(Received r) {
        try {
            new Webhook(SECRET)
                    .verify(
                            r.body(),
                            Map.of(
                                    "webhook-id", List.of(r.id()),
                                    "webhook-timestamp", List.of(r.timestamp()),
                                    "webhook-signature", List.of(r.signature())));
        } catch (Exception e) {
            throw new AssertionError("the signature does not verify: " + e.getMessage(), e);
        }
    }

    /** The stream's first delivery, with its attempts, once it is in {@code status}. */
    private JsonObject awaitDelivery(String stream, String status) throws Exception {
        JsonObject page = awaitDelivery(
                stream,
                status,
                p -> p.getJsonArray("deliveries").size() > 0
                        && p.getJsonArray("deliveries")
                                .getJsonObject(0)
                                .getString("status")
                                .equals(status));
        long id = page.getJsonArray("deliveries").getJsonObject(0).getLong("id");
        HttpResponse<Buffer> one = await(service.http
                .get("/admin/api/deliveries/" + id)
                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                .send());
        assertThat(one.statusCode()).isEqualTo(200);
        return one.bodyAsJsonObject();
    }

    /** The stream's page of deliveries once {@code done} holds; fails after 20 s with what it last saw. */
    private JsonObject awaitDelivery(String stream, String status, Predicate<JsonObject> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject page = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<Buffer> response = await(service.http
                    .get("/admin/api/deliveries")
                    .addQueryParam("stream", stream)
                    .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                    .send());
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            page = response.bodyAsJsonObject();
            if (done.test(page)) {
                return page;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the deliveries of " + stream + " never became " + status + "; last " + page);
    }

    private void awaitReceived(String stream) throws Exception {
        awaitReceived(stream, r -> true);
    }

    private void awaitReceived(String stream, Predicate<Received> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (of(stream).stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing of " + stream + " reached the platform");
    }
}
