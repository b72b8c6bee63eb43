package io.zohosync.sandbox.core;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Outbound webhooks (Billing events, Inventory stock changes): one URL and secret per product, each event POSTed
 * as JSON and signed like Zoho Billing's secured webhooks, failed POSTs retried on the sandbox clock, every attempt recorded.
 */
public final class Webhooks {
    public static final String SIGNATURE_HEADER = "X-Zoho-Webhook-Signature";
    /** Waits before the 2nd, 3rd and 4th attempt, in sandbox time (Zoho documents no retry policy). */
    public static final List<Duration> RETRY_DELAYS =
            List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    private static final long TIMEOUT_MS = 5_000;

    private record Target(String id, String url, String secret) {}

    private final SandboxContext context;
    private final HttpClient client;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Webhooks(SandboxContext context) {
        this.context = context;
        this.client = context.vertx().createHttpClient();
    }

    /** The sandbox's webhook sender. */
    public static Webhooks of(SandboxContext context) {
        return context.shared(Webhooks.class, () -> new Webhooks(context));
    }

    /** Sends {@code product}'s events to {@code url} (query parameters allowed) signed with {@code secret}; a null url stops them. */
    public void configure(String product, String url, String secret) {
        if (url == null) {
            targets.remove(product);
            return;
        }
        URI.create(url);
        targets.put(product, new Target(context.ids().next(), url, secret == null ? "" : secret));
    }

    /** POSTs {@code {"event_id","event_type","event_time","data"}} to the product's URL, if one is configured. */
    public void send(String product, String eventId, String eventType, String eventTime, JsonObject data) {
        send(product, eventId, eventType, eventTime, data, attempt -> {});
    }

    /** Like {@link #send(String, String, String, String, JsonObject)}, telling {@code outcome} how each attempt ended. */
    public void send(
            String product,
            String eventId,
            String eventType,
            String eventTime,
            JsonObject data,
            Consumer<WebhookAttempt> outcome) {
        Target target = targets.get(product);
        if (target == null) return;
        String body = new JsonObject()
                .put("event_id", eventId)
                .put("event_type", eventType)
                .put("event_time", eventTime)
                .put("data", data)
                .encode();
        String signature = signature(target.secret(), queryOf(target.url()), body);
        attempt(
                new WebhookAttempt(
                        product, eventId, eventType, target.id(), target.url(), body, signature, 1, 0, false, false),
                outcome);
    }

    /**
     * Zoho Billing's signature: lowercase hex HMAC-SHA256, keyed by the secret, over the query parameters sorted by
     * name and concatenated as name+value (decoded), followed by the raw JSON body.
     */
    public static String signature(String secret, Map<String, String> query, String body) {
        StringBuilder signed = new StringBuilder();
        new TreeMap<>(query).forEach((key, value) -> signed.append(key).append(value));
        signed.append(body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Stops sending for good: no new event and no pending retry is POSTed (the sandbox was reset or closed). */
    public void close() {
        closed = true;
        client.close();
    }

    private void attempt(WebhookAttempt pending, Consumer<WebhookAttempt> outcome) {
        if (closed) return;
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(pending.url())
                .setTimeout(TIMEOUT_MS)
                .putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE_HEADER, pending.signature());
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(pending.body())))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .otherwise(0)
                .onSuccess(status -> finished(pending, status, outcome));
    }

    private void finished(WebhookAttempt pending, int status, Consumer<WebhookAttempt> outcome) {
        boolean delivered = status >= 200 && status < 300;
        boolean retrying = !delivered && pending.attempt() <= RETRY_DELAYS.size();
        WebhookAttempt done = new WebhookAttempt(
                pending.product(),
                pending.eventId(),
                pending.eventType(),
                pending.webhookId(),
                pending.url(),
                pending.body(),
                pending.signature(),
                pending.attempt(),
                status,
                delivered,
                retrying);
        context.recorder().webhook(done);
        outcome.accept(done);
        if (!retrying) return;
        Duration wait = RETRY_DELAYS.get(pending.attempt() - 1);
        long realMillis = Math.max(1, (long) (wait.toMillis() / context.clock().scale()));
        context.vertx()
                .setTimer(
                        realMillis,
                        id -> attempt(
                                new WebhookAttempt(
                                        pending.product(),
                                        pending.eventId(),
                                        pending.eventType(),
                                        pending.webhookId(),
                                        pending.url(),
                                        pending.body(),
                                        pending.signature(),
                                        pending.attempt() + 1,
                                        0,
                                        false,
                                        false),
                                outcome));
    }

    private static Map<String, String> queryOf(String url) {
        Map<String, String> query = new TreeMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null || raw.isEmpty()) return query;
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
