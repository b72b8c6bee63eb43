package io.zohosync.adapters.http.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.zohosync.adapters.http.admin.ConsoleSessions.Session;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.adapters.http.common.SignInThrottle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The operator's console: its page and files at {@code /admin/} (classpath {@code console/}, no build step), and
 * its session at {@code /admin/session} — {@code POST} signs in with the admin token (throttled with every other
 * credential), {@code GET} tells the page its CSRF token after a reload, {@code DELETE} signs out.
 */
final class ConsoleRoutes {

    static final String SESSION_PATH = "/admin/session";
    private static final String FILES = "console";

    /** Scripts, styles and requests from the service itself only; not framed; nothing told to other sites. */
    private static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final ConsoleSessions sessions;
    private final ConsoleAuth auth;
    private final byte[] adminToken;
    private final SignInThrottle throttle;

    ConsoleRoutes(ConsoleSessions sessions, ConsoleAuth auth, String adminToken, SignInThrottle throttle) {
        this.sessions = sessions;
        this.auth = auth;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.throttle = throttle;
    }

    void mount(Router root, long bodyLimit) {
        root.route("/admin/*").handler(ConsoleRoutes::guardHeaders);
        root.post(SESSION_PATH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::signIn);
        root.get(SESSION_PATH).handler(this::current);
        root.delete(SESSION_PATH).handler(this::signOut);
        root.get("/admin/")
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .putHeader("cache-control", "no-cache")
                        .sendFile(FILES + "/index.html")
                        .onFailure(ctx::fail));
        // after /admin/, which this route would match too
        root.get("/admin").handler(ctx -> {
            String query = ctx.request().query();
            ctx.redirect(query == null ? "/admin/" : "/admin/?" + query);
        });
        root.get("/admin/console/*")
                .handler(StaticHandler.create(FILES)
                        .setCachingEnabled(false)
                        .setDirectoryListing(false)
                        .setIncludeHidden(false));
    }

    private static void guardHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    private void signIn(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        long wait = throttle.refusedForSeconds(address);
        if (wait > 0) {
            throw Problem.retryLater(
                    429,
                    "too_many_failed_attempts",
                    "too many wrong tokens from this address; try again in " + wait + " s",
                    wait);
        }
        JsonBodies.requireJson(ctx, "the sign-in");
        Buffer body = ctx.body().buffer();
        Map<String, Object> json = JsonBodies.object(body);
        if (!(json.get("token") instanceof String token) || token.isBlank()) {
            throw Problem.invalid("token", "is required: the admin token (ZSYNC_ADMIN_TOKEN)");
        }
        if (!MessageDigest.isEqual(adminToken, token.trim().getBytes(StandardCharsets.UTF_8))) {
            throttle.failed(address);
            throw new Problem(401, "unauthorized", "that is not the admin token");
        }
        Session session = sessions.open(BearerAuth.fingerprint(token.trim()), name(json));
        ctx.response().addCookie(ConsoleAuth.cookie(ctx, session.id(), sessions.lifetimeSeconds()));
        reply(ctx, session);
    }

    /** The optional {@code name} the person signs in under: the actor the audit of admin actions names. */
    private static String name(Map<String, Object> json) {
        Object name = json.get("name");
        if (name == null || (name instanceof String text && text.isBlank())) {
            return null;
        }
        if (!(name instanceof String text)) {
            throw Problem.invalid("name", "must be a string");
        }
        return Actors.name(text.strip(), "name");
    }

    private void current(RoutingContext ctx) {
        auth.session(ctx).ifPresent(session -> reply(ctx, session));
    }

    private void signOut(RoutingContext ctx) {
        auth.session(ctx).ifPresent(session -> {
            if (!ConsoleAuth.csrfMatches(ctx, session)) {
                throw new Problem(
                        403,
                        "csrf_token_invalid",
                        "signing out needs the session's token in the " + ConsoleAuth.CSRF_HEADER + " header");
            }
            sessions.close(session.id());
            ctx.response().addCookie(ConsoleAuth.cookie(ctx, "", 0));
            ctx.response().setStatusCode(204).end();
        });
    }

    private static void reply(RoutingContext ctx, Session session) {
        ctx.response().putHeader("cache-control", "no-store");
        JsonObject body = new JsonObject()
                .put("csrf_token", session.csrfToken())
                .put("expires_at", session.expiresAt().toString());
        if (session.name() != null) {
            body.put("name", session.name());
        }
        Reply.ok(body).send(ctx);
    }
}
