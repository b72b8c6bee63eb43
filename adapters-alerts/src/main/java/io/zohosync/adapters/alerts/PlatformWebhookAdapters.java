package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.zohosync.ports.out.PlatformWebhooks;

/** The platform's outbound webhook endpoint (the outbox's deliveries), and its client, closed together. */
public final class PlatformWebhookAdapters {

    private final HttpClient client;
    private final PlatformWebhooks webhooks;

    private PlatformWebhookAdapters(Vertx vertx, HttpClient client, PlatformWebhookSettings settings) {
        this.client = client;
        this.webhooks = new PlatformWebhookSender(vertx, client, settings);
    }

    public static PlatformWebhookAdapters create(Vertx vertx, PlatformWebhookSettings settings) {
        return new PlatformWebhookAdapters(
                vertx,
                vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())),
                settings);
    }

    public PlatformWebhooks webhooks() {
        return webhooks;
    }

    public Future<Void> close() {
        return client.close();
    }
}
