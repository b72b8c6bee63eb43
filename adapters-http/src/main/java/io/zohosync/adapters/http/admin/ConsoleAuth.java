package io.zohosync.adapters.http.admin;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.admin.ConsoleSessions.Session;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the admin API: a request with an {@code Authorization} header is checked as the admin token (as it
 * always was); one without it but with the console's session cookie is let in while that session lasts, and a
 * change (anything but GET, HEAD, OPTIONS) only with the session's CSRF token in {@value #CSRF_HEADER}. Neither: the
 * bearer check's 401.
 */
final class ConsoleAuth implements Handler<RoutingContext> {

    static final String COOKIE = "zsync_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String PATH = "/admin";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ConsoleSessions sessions;
    private final BearerAuth bearer;

    ConsoleAuth(ConsoleSessions sessions, BearerAuth bearer) {
        this.sessions = sessions;
        this.bearer = bearer;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (ctx.request().getHeader("Authorization") != null || cookie == null) {
            bearer.handle(ctx);
            return;
        }
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        if (!SAFE.contains(ctx.request().method()) && !csrfMatches(ctx, session.get())) {
            ctx.fail(new Problem(
                    403,
                    "csrf_token_invalid",
                    "a change made with the console's session needs that session's token in the " + CSRF_HEADER
                            + " header; reload the console"));
            return;
        }
        BearerAuth.admit(ctx, session.get().caller());
        Actors.admit(ctx, session.get().name());
        ctx.next();
    }

    /** The request's session; none: the request has failed with 401 {@code session_ended} and the cookie is cleared. */
    Optional<Session> session(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        Optional<Session> session = cookie == null ? Optional.empty() : sessions.find(cookie.getValue());
        if (session.isEmpty()) {
            if (cookie != null) {
                ctx.response().addCookie(cookie(ctx, "", 0));
            }
            ctx.fail(new Problem(
                    401, "session_ended", "the console session has ended (signed out or expired); sign in again"));
        }
        return session;
    }

    static boolean csrfMatches(RoutingContext ctx, Session session) {
        String presented = ctx.request().getHeader(CSRF_HEADER);
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The session cookie: only for the console's paths, out of scripts' reach, never sent by another site's page,
     * and only over TLS when the console is served over TLS (directly or behind a proxy that says so).
     */
    static Cookie cookie(RoutingContext ctx, String value, long maxAgeSeconds) {
        boolean tls =
                ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        return Cookie.cookie(COOKIE, value)
                .setPath(PATH)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(tls)
                .setMaxAge(maxAgeSeconds);
    }
}
