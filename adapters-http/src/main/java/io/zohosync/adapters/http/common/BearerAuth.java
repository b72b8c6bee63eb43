package io.zohosync.adapters.http.common;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks a shared secret sent as {@code Authorization: Bearer <secret>} (or in {@code headerName}),
 * comparing in constant time, and names the caller for the routes by the secret's fingerprint.
 */
public final class BearerAuth implements Handler<RoutingContext> {

    private static final String CALLER = "zsync.caller";

    private final List<byte[]> secrets;
    private final String headerName;
    private final String realm;
    private final SignInThrottle throttle;

    /** {@code throttle}: shared by every credential check, so guesses at one are counted with guesses at another. */
    public BearerAuth(Set<String> secrets, String headerName, String realm, SignInThrottle throttle) {
        this.secrets =
                secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.headerName = headerName;
        this.realm = realm;
        this.throttle = throttle;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        long wait = throttle.refusedForSeconds(address);
        if (wait > 0) {
            ctx.fail(Problem.retryLater(
                    429,
                    "too_many_failed_attempts",
                    "too many wrong credentials from this address; try again later",
                    wait));
            return;
        }
        String presented = presented(ctx);
        if (presented == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
            ctx.fail(new Problem(
                    401,
                    "unauthorized",
                    "send the " + realm + " credential as 'Authorization: Bearer …'"
                            + (headerName == null ? "" : " or '" + headerName + ": …'")));
            return;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (byte[] secret : secrets) {
            known |= MessageDigest.isEqual(secret, candidate);
        }
        if (!known) {
            throttle.failed(address);
            // RFC 6750 §3: a 401 names the scheme, and for a credential presented but not valid, why
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_token\"");
            ctx.fail(new Problem(401, "unauthorized", "the " + realm + " credential is not valid"));
            return;
        }
        admit(ctx, fingerprint(presented));
        ctx.next();
    }

    /**
     * Lets a request in as the caller with this fingerprint when another check has vouched for it (the console's
     * session, opened with the secret of that fingerprint).
     */
    public static void admit(RoutingContext ctx, String fingerprint) {
        ctx.put(CALLER, fingerprint);
    }

    /** Who sent the request: the fingerprint of the credential it was let in with (never the credential). */
    public static String caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    /** The first 16 hex digits of a secret's SHA-256: tells callers apart, reveals nothing of the secret. */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private String presented(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return headerName == null ? null : ctx.request().getHeader(headerName);
    }
}
