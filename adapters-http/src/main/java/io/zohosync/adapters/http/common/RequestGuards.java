package io.zohosync.adapters.http.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every request passes before any route sees it, all decided from its request line and headers before
 * a byte of its body is read: not more than {@code maxInFlight} requests at once (503 {@code overloaded}), no
 * body larger than the limit by its {@code Content-Length} (413), and a path and query that are exactly
 * what they say (400 {@code invalid_path} / {@code invalid_query}): percent-encodings that decode to UTF-8,
 * no overlong forms or surrogates, no control characters, no raw bytes beyond ASCII. Vert.x would decode a
 * broken one into something else (U+FFFD, or {@code C0 AF} into {@code /}); here it is refused instead.
 */
public final class RequestGuards {

    /** How long an overloaded service asks callers to wait. */
    static final long OVERLOADED_RETRY_AFTER_SECONDS = 1;

    private final int maxInFlight;
    private final long bodyLimit;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RequestGuards(int maxInFlight, long bodyLimit) {
        this.maxInFlight = maxInFlight;
        this.bodyLimit = bodyLimit;
    }

    /** The number of requests being served now. */
    public int inFlight() {
        return inFlight.get();
    }

    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        // health and metrics are cheap and must answer a probe even under overload
        boolean counted = !path.startsWith("/health/") && !path.equals("/metrics");
        if (counted && inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refuseUnread(
                    ctx,
                    Problem.retryLater(
                            503,
                            "overloaded",
                            "the service is serving as many requests as it can; nothing was read or stored, try again shortly",
                            OVERLOADED_RETRY_AFTER_SECONDS));
            return;
        }
        if (counted) {
            AtomicBoolean done = new AtomicBoolean();
            ctx.addEndHandler(ended -> {
                if (done.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            });
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            refuseUnread(
                    ctx,
                    new Problem(413, "payload_too_large", "the request body is larger than " + bodyLimit + " bytes"));
            return;
        }
        if (!exact(path)) {
            throw new Problem(
                    400,
                    "invalid_path",
                    "the path must be percent-encoded UTF-8 (no raw non-ASCII, no overlong forms or surrogates)"
                            + " without control characters");
        }
        String query = ctx.request().query();
        if (query != null && !exact(query)) {
            throw new Problem(
                    400,
                    "invalid_query",
                    "the query must be percent-encoded UTF-8 (no raw non-ASCII, no overlong forms or surrogates)"
                            + " without control characters");
        }
        ctx.next();
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > bodyLimit;
        } catch (NumberFormatException e) {
            return true; // a length nobody can read (or one beyond a long) is no length we accept
        }
    }

    /** Answers without reading the body, and closes the connection so the unread body is never wanted. */
    private static void refuseUnread(RoutingContext ctx, Problem problem) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.fail(problem);
    }

    /** Whether a raw path or query decodes to exactly one text without control characters. */
    static boolean exact(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7E || c < 0x21) {
                return false;
            } else {
                bytes.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        return text.chars().noneMatch(ch -> Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029);
    }
}
