package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.domain.alert.Notice;
import io.zohosync.ports.out.AlertChannel;
import java.util.Locale;

/**
 * {@link AlertChannel} by webhook: a JSON POST per notice, in the shape {@link WebhookSettings.Format} names; any
 * answer other than 2xx is a failure, so the notice is sent again at the next evaluation.
 */
final class WebhookChannel implements AlertChannel {

    /** Discord refuses a message's content over 2,000 characters. */
    static final int DISCORD_MAX = 2000;

    private static final long TIMEOUT_MS = 10_000;

    private final WebClient client;
    private final WebhookSettings settings;

    WebhookChannel(WebClient client, WebhookSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Future<Void> send(Notice notice) {
        return client.requestAbs(HttpMethod.POST, settings.url().toString())
                .timeout(TIMEOUT_MS)
                .sendJsonObject(body(settings.format(), notice))
                .compose(response -> response.statusCode() / 100 == 2
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture("the webhook answered " + response.statusCode()));
    }

    static JsonObject body(WebhookSettings.Format format, Notice notice) {
        String title = notice.subject();
        String text = notice.text().strip();
        return switch (format) {
            case SLACK -> new JsonObject().put("text", "*" + title + "*\n" + text);
            case DISCORD -> {
                String content = "**" + title + "**\n" + text;
                yield new JsonObject()
                        .put(
                                "content",
                                content.length() > DISCORD_MAX ? content.substring(0, DISCORD_MAX - 1) + "…" : content)
                        .put("allowed_mentions", new JsonObject().put("parse", new JsonArray()));
            }
            case GENERIC ->
                new JsonObject()
                        .put("event", "alert." + notice.type().name().toLowerCase(Locale.ROOT))
                        .put("key", notice.condition().key())
                        .put("kind", notice.condition().kind().name().toLowerCase(Locale.ROOT))
                        .put("summary", notice.condition().summary())
                        .put("detail", notice.condition().detail())
                        .put("opened_at", notice.openedAt().toString())
                        .put("at", notice.at().toString())
                        .put("subject", title)
                        .put("text", notice.text());
        };
    }
}
