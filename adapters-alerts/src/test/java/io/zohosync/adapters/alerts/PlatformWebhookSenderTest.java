package io.zohosync.adapters.alerts;

import static io.zohosync.adapters.alerts.EmailChannelTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.zohosync.ports.out.PlatformWebhooks;
import io.zohosync.ports.out.PlatformWebhooks.Answer;
import io.zohosync.ports.out.PlatformWebhooks.SignedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbound webhook sender against a real local HTTP server. */
class PlatformWebhookSenderTest {

    private static final SignedRequest REQUEST =
            new SignedRequest("0b5c1c2e-1111-4d4e-9a9a-2f7f00000001", 1_780_000_000L, "v1,abc=", "{\"type\":\"t\"}");

    private record Received(String method, String path, MultiMap headers, String body) {}

    private Vertx vertx;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile String answer = "";
    private volatile boolean silent;
    private PlatformWebhookAdapters adapters;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    received.add(new Received(req.method().name(), req.path(), req.headers(), body.toString()));
                    if (!silent) {
                        req.response()
                                .setStatusCode(status)
                                .putHeader("location", "http://127.0.0.1:1/elsewhere")
                                .end(answer);
                    }
                }))
                .listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (adapters != null) {
            await(adapters.close());
        }
        await(vertx.close());
    }

    private PlatformWebhooks sender(Duration responseTimeout) {
        adapters = PlatformWebhookAdapters.create(
                vertx,
                new PlatformWebhookSettings(
                        URI.create("http://127.0.0.1:" + server.actualPort() + "/hooks/zoho-sync?token=path-secret"),
                        Duration.ofSeconds(5),
                        responseTimeout));
        return adapters.webhooks();
    }

    @Test
    void posts_the_body_as_signed_with_the_standard_webhooks_headers() throws Exception {
        Answer got = await(sender(Duration.ofSeconds(15)).post(REQUEST));

        assertThat(got.status()).isEqualTo(204);
        assertThat(got.delivered()).isTrue();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hooks/zoho-sync");
            assertThat(r.body()).isEqualTo("{\"type\":\"t\"}");
            assertThat(r.headers().get("content-type")).isEqualTo("application/json");
            assertThat(r.headers().get("webhook-id")).isEqualTo(REQUEST.id());
            assertThat(r.headers().get("webhook-timestamp")).isEqualTo("1780000000");
            assertThat(r.headers().get("webhook-signature")).isEqualTo("v1,abc=");
        });
    }

    @Test
    void a_refusal_is_an_answer_with_the_start_of_its_body_and_a_redirect_is_not_followed() throws Exception {
        status = 500;
        answer = "{\"error\":\n \"" + "x".repeat(1_000) + "\"}";
        Answer got = await(sender(Duration.ofSeconds(15)).post(REQUEST));
        assertThat(got.status()).isEqualTo(500);
        assertThat(got.delivered()).isFalse();
        assertThat(got.body()).startsWith("{\"error\": \"xxx").hasSize(PlatformWebhookSender.MAX_LOGGED_BODY);

        status = 307;
        answer = "";
        Answer moved = await(adapters.webhooks().post(REQUEST));
        assertThat(moved.status()).isEqualTo(307);
        assertThat(moved.delivered()).isFalse();
        assertThat(received).hasSize(2);
    }

    @Test
    void no_answer_within_the_timeout_fails_without_naming_the_path() throws Exception {
        silent = true;
        assertThatThrownBy(() -> await(sender(Duration.ofMillis(300)).post(REQUEST)))
                .hasMessageContaining("no answer from 127.0.0.1: ")
                .hasMessageContaining("/***")
                .hasMessageNotContaining("path-secret");
    }

    /** A receiver that answers 200 then trickles a byte every 100 ms, never ending (the idle timeout never fires). */
    private HttpServer trickling(boolean flood) throws Exception {
        return await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    received.add(new Received(req.method().name(), req.path(), req.headers(), body.toString()));
                    req.response().setChunked(true).setStatusCode(200);
                    req.response().write(flood ? "y".repeat(64 * 1024) : "x");
                    long timer = vertx.setPeriodic(100, t -> req.response().write(flood ? "y".repeat(64 * 1024) : "x"));
                    req.connection().closeHandler(closed -> vertx.cancelTimer(timer));
                }))
                .listen(0, "127.0.0.1"));
    }

    private PlatformWebhooks sender(HttpServer to, Duration responseTimeout, Duration total) {
        adapters = PlatformWebhookAdapters.create(
                vertx,
                new PlatformWebhookSettings(
                        URI.create("http://127.0.0.1:" + to.actualPort() + "/hooks/zoho-sync?token=path-secret"),
                        Duration.ofSeconds(5),
                        responseTimeout,
                        total));
        return adapters.webhooks();
    }

    @Test
    void a_receiver_trickling_its_answer_is_cut_off_at_the_overall_deadline() throws Exception {
        HttpServer slow = trickling(false);
        // each byte comes well within the 5 s idle timeout; only the overall deadline ends the wait
        assertThatThrownBy(() -> await(sender(slow, Duration.ofSeconds(5), Duration.ofMillis(800))
                        .post(REQUEST)))
                .hasMessageContaining("no answer from 127.0.0.1: ")
                .hasMessageContaining("no complete answer within 800 ms")
                .hasMessageNotContaining("path-secret");
        assertThat(received).hasSize(1);
    }

    @Test
    void an_endless_answer_is_read_only_up_to_its_logged_start() throws Exception {
        HttpServer flood = trickling(true);
        Answer got = await(
                sender(flood, Duration.ofSeconds(5), Duration.ofSeconds(20)).post(REQUEST));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.delivered()).isTrue();
        assertThat(got.body()).startsWith("yyyy").endsWith("…").hasSize(PlatformWebhookSender.MAX_LOGGED_BODY);
    }
}
