package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zohosync.ports.out.PlatformWebhooks;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * {@link PlatformWebhooks} over HTTP: a POST of the signed body with the Standard Webhooks headers, redirects not
 * followed (a 3xx is a failed attempt). A delivery has an overall deadline ({@link PlatformWebhookSettings#total()}):
 * a receiver that trickles its answer is cut off (the request is reset) rather than holding the message past its
 * lease. Only the first {@link #MAX_READ_BODY} bytes of the answer are read, for the delivery log; once they are in,
 * the rest is not waited for (the request is reset).
 */
final class PlatformWebhookSender implements PlatformWebhooks {

    /** How much of an answer's body the delivery log keeps. */
    static final int MAX_LOGGED_BODY = 300;

    /** How much of an answer's body is read at most (a little more than is logged: whitespace is collapsed). */
    static final int MAX_READ_BODY = 512;

    private final Vertx vertx;
    private final HttpClient client;
    private final PlatformWebhookSettings settings;

    PlatformWebhookSender(Vertx vertx, HttpClient client, PlatformWebhookSettings settings) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
    }

    @Override
    public Future<Answer> post(SignedRequest request) {
        Promise<Answer> answer = Promise.promise();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(settings.url().toString())
                .setFollowRedirects(false)
                .setConnectTimeout(settings.connectTimeout().toMillis())
                .setIdleTimeout(settings.responseTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "zoho-sync-outbox")
                .putHeader("webhook-id", request.id())
                .putHeader("webhook-timestamp", Long.toString(request.timestamp()))
                .putHeader("webhook-signature", request.signature());
        long deadline = vertx.setTimer(
                settings.total().toMillis(),
                t -> answer.tryFail(new TimeoutException(
                        "no complete answer within " + settings.total().toMillis() + " ms")));
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                answer.tryFail(opened.cause());
                return;
            }
            HttpClientRequest req = opened.result();
            // past the deadline (or once enough of the answer is read) the request is reset: nothing keeps it open
            answer.future().onComplete(done -> req.reset());
            req.response().onSuccess(response -> read(response, answer)).onFailure(answer::tryFail);
            req.end(Buffer.buffer(request.body(), "UTF-8")).onFailure(answer::tryFail);
        });
        return answer.future()
                .andThen(done -> vertx.cancelTimer(deadline))
                .recover(error -> Future.failedFuture(describe(error)));
    }

    /** Keeps the first {@link #MAX_READ_BODY} bytes of the answer, and answers at its end or once they are in. */
    private static void read(HttpClientResponse response, Promise<Answer> answer) {
        Buffer kept = Buffer.buffer();
        response.exceptionHandler(answer::tryFail);
        response.handler(chunk -> {
            int room = MAX_READ_BODY - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
            }
            if (kept.length() >= MAX_READ_BODY) {
                answer.tryComplete(new Answer(response.statusCode(), logged(kept.toString("UTF-8"))));
            }
        });
        response.endHandler(
                end -> answer.tryComplete(new Answer(response.statusCode(), logged(kept.toString("UTF-8")))));
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
