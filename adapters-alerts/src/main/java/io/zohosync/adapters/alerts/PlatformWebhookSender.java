package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.zohosync.ports.out.PlatformWebhooks;
import java.net.URI;

/**
 * {@link PlatformWebhooks} over HTTP: a POST of the signed body with the Standard Webhooks headers, redirects not
 * followed (a 3xx is a failed attempt); the answer's body is read for the delivery log, cut short.
 */
final class PlatformWebhookSender implements PlatformWebhooks {

    /** How much of an answer's body the delivery log keeps. */
    static final int MAX_LOGGED_BODY = 300;

    private final WebClient client;
    private final PlatformWebhookSettings settings;

    PlatformWebhookSender(WebClient client, PlatformWebhookSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public Future<Answer> post(SignedRequest request) {
        return client.requestAbs(HttpMethod.POST, settings.url().toString())
                .followRedirects(false)
                .connectTimeout(settings.connectTimeout().toMillis())
                .idleTimeout(settings.responseTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", request.id())
                .putHeader("webhook-timestamp", Long.toString(request.timestamp()))
                .putHeader("webhook-signature", request.signature())
                .sendBuffer(Buffer.buffer(request.body(), "UTF-8"))
                .map(response -> new Answer(response.statusCode(), logged(response.bodyAsString())))
                .recover(error -> Future.failedFuture(describe(error)));
    }

    /** The start of a body on one line. */
    static String logged(String body) {
        if (body == null) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > MAX_LOGGED_BODY ? line.substring(0, MAX_LOGGED_BODY - 1) + "…" : line;
    }

    /** Why no answer came, naming the host but never the path (it may carry a token). */
    private String describe(Throwable error) {
        String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        URI url = settings.url();
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        why = why.replace(url.toString(), "***");
        return "no answer from " + url.getHost() + ": " + (target.length() > 1 ? why.replace(target, "/***") : why);
    }
}
