package io.zohosync.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test helper: a loopback HTTP server standing in for the service's webhook endpoint; it can fail its first answers with 500. */
public final class WebhookReceiver implements AutoCloseable {
    /** One POST as received: query parameters, signature header and the raw body. */
    public record Received(Map<String, String> query, String signature, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private WebhookReceiver(Vertx vertx) {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Map<String, String> query = new TreeMap<>();
                    request.params().forEach(query::put);
                    received.add(new Received(query, request.getHeader("X-Zoho-Webhook-Signature"), body.toString()));
                    request.response()
                            .setStatusCode(failuresLeft.getAndDecrement() > 0 ? 500 : 200)
                            .end();
                }));
    }

    public static WebhookReceiver start(Vertx vertx) {
        WebhookReceiver receiver = new WebhookReceiver(vertx);
        SandboxClient.await(receiver.server.listen(0, "127.0.0.1"));
        return receiver;
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.actualPort() + pathAndQuery;
    }

    /** Answers the next {@code times} POSTs with HTTP 500. */
    public void failNext(int times) {
        failuresLeft.set(times);
    }

    /** The next POST, waiting up to five seconds; fails the test when none comes. */
    public Received next() {
        try {
            Received next = received.poll(5, TimeUnit.SECONDS);
            if (next == null) throw new AssertionError("no webhook arrived within 5 seconds");
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POSTs received and not yet taken with {@link #next()}. */
    public int pending() {
        return received.size();
    }

    /** Lowercase hex HMAC-SHA256 of {@code text} keyed by {@code secret}, computed here independently of the sandbox's signer. */
    public static String hmacSha256Hex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        SandboxClient.await(server.close());
    }
}
