package io.zohosync.adapters.alerts;

import static io.zohosync.adapters.alerts.EmailChannelTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.domain.alert.AlertKind;
import io.zohosync.domain.alert.Condition;
import io.zohosync.domain.alert.Notice;
import io.zohosync.ports.out.AlertChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {

    private static final Instant OPENED = Instant.parse("2026-11-30T08:00:00Z");
    private static final Condition RECONNECT = new Condition(
            "reconnect-needed", AlertKind.RECONNECT_NEEDED, "Zoho needs to be connected again", "token refused");
    private static final Notice NOTICE = new Notice(Notice.Type.OPENED, RECONNECT, OPENED, OPENED);

    private record Received(String path, String contentType, JsonObject body) {}

    private Vertx vertx;
    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private AlertAdapters adapters;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    received.add(new Received(req.path(), req.getHeader("Content-Type"), body.toJsonObject()));
                    req.response().setStatusCode(status).end();
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

    private AlertChannel channel(WebhookSettings.Format format) {
        adapters = AlertAdapters.create(
                vertx,
                Optional.empty(),
                Optional.of(WebhookSettings.of(
                        "http://127.0.0.1:" + server.actualPort() + "/services/T000/B000/secret", format)));
        assertThat(adapters.channels())
                .singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("webhook"));
        return adapters.channels().get(0);
    }

    @Test
    void slackGetsItsTextField() throws Exception {
        await(channel(WebhookSettings.Format.SLACK).send(NOTICE));
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/services/T000/B000/secret");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.body())
                    .isEqualTo(new JsonObject()
                            .put(
                                    "text",
                                    "*[zoho-sync] Zoho needs to be connected again*\nZoho needs to be connected again\n"
                                            + "Since 2026-11-30T08:00:00Z.\nSeen: token refused"));
        });
    }

    @Test
    void discordGetsContentAndNoMentions() throws Exception {
        await(channel(WebhookSettings.Format.DISCORD).send(NOTICE));
        assertThat(received)
                .singleElement()
                .satisfies(r -> assertThat(r.body())
                        .isEqualTo(new JsonObject()
                                .put(
                                        "content",
                                        "**[zoho-sync] Zoho needs to be connected again**\nZoho needs to be connected again\n"
                                                + "Since 2026-11-30T08:00:00Z.\nSeen: token refused")
                                .put("allowed_mentions", new JsonObject().put("parse", new JsonArray()))));
    }

    @Test
    void discordContentIsCutToItsLimit() throws Exception {
        Condition big = new Condition("k", AlertKind.FAILED_SYNCS, "many", "x".repeat(5000));
        await(channel(WebhookSettings.Format.DISCORD).send(new Notice(Notice.Type.OPENED, big, OPENED, OPENED)));
        String content = received.get(0).body().getString("content");
        assertThat(content).hasSize(WebhookChannel.DISCORD_MAX).endsWith("x…");
    }

    @Test
    void genericGetsEveryFieldOfTheNotice() throws Exception {
        Instant resolved = OPENED.plusSeconds(600);
        await(channel(WebhookSettings.Format.GENERIC)
                .send(new Notice(Notice.Type.RESOLVED, RECONNECT, OPENED, resolved)));
        assertThat(received)
                .singleElement()
                .satisfies(r -> assertThat(r.body())
                        .isEqualTo(new JsonObject()
                                .put("event", "alert.resolved")
                                .put("key", "reconnect-needed")
                                .put("kind", "reconnect_needed")
                                .put("summary", "Zoho needs to be connected again")
                                .put("detail", "token refused")
                                .put("opened_at", "2026-11-30T08:00:00Z")
                                .put("at", "2026-11-30T08:10:00Z")
                                .put("subject", "[zoho-sync] Resolved: Zoho needs to be connected again")
                                .put(
                                        "text",
                                        "Zoho needs to be connected again\nResolved at 2026-11-30T08:10:00Z, after 10 min"
                                                + " (since 2026-11-30T08:00:00Z).\nLast seen: token refused\n")));
    }

    @Test
    void anAnswerOtherThan2xxIsAFailure() {
        status = 500;
        AlertChannel hook = channel(WebhookSettings.Format.GENERIC);
        assertThatThrownBy(() -> await(hook.send(NOTICE)))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("the webhook answered 500");
        status = 302; // a redirect is not followed: the secret URL's body goes nowhere else
        assertThatThrownBy(() -> await(hook.send(NOTICE))).hasMessageContaining("the webhook answered 302");
    }

    @Test
    void settingsRefuseWhatIsNoWebhookUrlAndNeverShowItsPath() {
        assertThatThrownBy(() -> WebhookSettings.of("hooks.slack.com/services/x", WebhookSettings.Format.SLACK))
                .hasMessage("the URL must be an absolute http or https URL with a host");
        assertThatThrownBy(() -> WebhookSettings.of("ftp://example.com/x", WebhookSettings.Format.SLACK))
                .hasMessage("the URL must be an absolute http or https URL with a host");
        assertThatThrownBy(() -> WebhookSettings.of("https://exa mple.com/s3cret", WebhookSettings.Format.SLACK))
                .hasMessageStartingWith("the URL is malformed")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> WebhookSettings.Format.fromWire("teams"))
                .hasMessage("the format must be slack, discord or generic, not 'teams'");
        assertThat(WebhookSettings.of("https://hooks.slack.com/services/T0/B0/s3cret", WebhookSettings.Format.SLACK))
                .hasToString("WebhookSettings[https://hooks.slack.com/***, format=slack]");
    }
}
