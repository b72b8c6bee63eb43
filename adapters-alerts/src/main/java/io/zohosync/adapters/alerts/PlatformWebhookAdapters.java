package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.ports.out.PlatformWebhooks;

/** The platform's outbound webhook endpoint (the outbox's deliveries), and its client, closed together. */
public final class PlatformWebhookAdapters {

    private final WebClient client;
    private final PlatformWebhooks webhooks;

    private PlatformWebhookAdapters(WebClient client, PlatformWebhookSettings settings) {
        this.client = client;
        this.webhooks = new PlatformWebhookSender(client, settings);
    }

    public static PlatformWebhookAdapters create(Vertx vertx, PlatformWebhookSettings settings) {
        return new PlatformWebhookAdapters(
                WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setConnectTimeout(
                                        (int) settings.connectTimeout().toMillis())
                                .setFollowRedirects(false)
                                .setUserAgent("zoho-sync-outbox")),
                settings);
    }

    public PlatformWebhooks webhooks() {
        return webhooks;
    }

    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
