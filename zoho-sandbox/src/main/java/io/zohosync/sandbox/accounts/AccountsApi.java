package io.zohosync.sandbox.accounts;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.sandbox.core.SandboxApi;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.TokenRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Zoho Accounts (OAuth 2.0): consent with a simulated user, the authorization-code and refresh grants,
 * revocation, and Zoho's token throttles answered with HTTP 200 error bodies.
 */
public final class AccountsApi implements SandboxApi {
    static final int REFRESHES_PER_WINDOW = 10;
    static final int GRANT_CODES_PER_WINDOW = 10;
    static final Duration THROTTLE_WINDOW = Duration.ofMinutes(10);
    static final Duration GRANT_CODE_LIFETIME = Duration.ofMinutes(3);

    private record GrantCode(String clientId, String redirectUri, String scope, boolean offline, Instant expiresAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, GrantCode> codes = new HashMap<>();
    private SandboxContext context;

    @Override
    public void mount(Router router, SandboxContext context) {
        this.context = context;
        router.get("/oauth/v2/auth").handler(this::authorize);
        router.post("/oauth/v2/token/revoke").handler(BodyHandler.create(false)).handler(this::revoke);
        router.post("/oauth/v2/token").handler(BodyHandler.create(false)).handler(this::token);
    }

    private void authorize(RoutingContext rc) {
        context.recorder().call("GET /oauth/v2/auth");
        String clientId = rc.request().getParam("client_id");
        String redirectUri = rc.request().getParam("redirect_uri");
        if (!context.settings().clientId().equals(clientId)) {
            reply(rc, error("invalid_client"));
            return;
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            rc.response().setStatusCode(400);
            reply(rc, error("invalid_redirect_uri"));
            return;
        }
        Instant now = context.clock().now();
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        if (!"code".equals(rc.request().getParam("response_type"))) {
            location.append("error=unsupported_response_type");
        } else if (!context.limiter().tryHit("grant-codes/" + clientId, GRANT_CODES_PER_WINDOW, THROTTLE_WINDOW, now)) {
            location.append("error=access_denied");
        } else {
            String code = newCode();
            boolean offline = "offline".equals(rc.request().getParam("access_type"));
            codes.put(
                    code,
                    new GrantCode(
                            clientId,
                            redirectUri,
                            rc.request().getParam("scope"),
                            offline,
                            now.plus(GRANT_CODE_LIFETIME)));
            location.append("code=")
                    .append(code)
                    .append("&location=")
                    .append(context.settings().location())
                    .append("&accounts-server=")
                    .append(encode(context.baseUrl()));
        }
        String state = rc.request().getParam("state");
        if (state != null) location.append("&state=").append(encode(state));
        rc.response()
                .setStatusCode(302)
                .putHeader("Location", location.toString())
                .end();
    }

    private void token(RoutingContext rc) {
        context.recorder().call("POST /oauth/v2/token");
        String grantType = rc.request().getParam("grant_type");
        if (!context.settings().clientId().equals(rc.request().getParam("client_id"))
                || !context.settings().clientSecret().equals(rc.request().getParam("client_secret"))) {
            reply(rc, error("invalid_client"));
        } else if ("refresh_token".equals(grantType)) {
            refresh(rc, rc.request().getParam("refresh_token"));
        } else if ("authorization_code".equals(grantType)) {
            exchange(rc, rc.request().getParam("code"), rc.request().getParam("redirect_uri"));
        } else {
            reply(rc, error("unsupported_grant_type"));
        }
    }

    private void refresh(RoutingContext rc, String refreshToken) {
        TokenRegistry tokens = context.tokens();
        boolean known = refreshToken != null
                && tokens.refreshGrant(refreshToken)
                        .filter(grant ->
                                grant.clientId().equals(context.settings().clientId()))
                        .isPresent();
        if (!known) {
            reply(rc, error("invalid_code"));
            return;
        }
        Instant now = context.clock().now();
        if (!context.limiter().tryHit("refresh/" + refreshToken, REFRESHES_PER_WINDOW, THROTTLE_WINDOW, now)) {
            context.recorder().tokenRefreshDenied();
            reply(
                    rc,
                    new JsonObject()
                            .put(
                                    "error_description",
                                    "You have made too many requests continuously. Please try again after some time.")
                            .put("error", "Access Denied")
                            .put("status", "failure"));
            return;
        }
        context.recorder().tokenRefreshed();
        reply(rc, tokenBody(tokens.issueAccessToken(refreshToken, now)));
    }

    private void exchange(RoutingContext rc, String code, String redirectUri) {
        Instant now = context.clock().now();
        GrantCode grant = code == null ? null : codes.remove(code);
        if (grant == null
                || !grant.expiresAt().isAfter(now)
                || !grant.redirectUri().equals(redirectUri)) {
            reply(rc, error("invalid_code"));
            return;
        }
        TokenRegistry tokens = context.tokens();
        if (grant.offline()) {
            String refreshToken =
                    tokens.issueRefreshToken(grant.clientId(), grant.scope()).token();
            reply(rc, tokenBody(tokens.issueAccessToken(refreshToken, now)).put("refresh_token", refreshToken));
        } else {
            reply(rc, tokenBody(tokens.issueAccessToken("online/" + grant.clientId(), now)));
        }
    }

    private void revoke(RoutingContext rc) {
        context.recorder().call("POST /oauth/v2/token/revoke");
        String token = rc.request().getParam("token");
        boolean revoked = token != null && context.tokens().revoke(token);
        reply(rc, revoked ? new JsonObject().put("status", "success") : error("invalid_code"));
    }

    private JsonObject tokenBody(String accessToken) {
        return new JsonObject()
                .put("access_token", accessToken)
                .put("api_domain", context.baseUrl())
                .put("token_type", "Bearer")
                .put("expires_in", TokenRegistry.ACCESS_TOKEN_LIFETIME.toSeconds());
    }

    private static JsonObject error(String error) {
        return new JsonObject().put("error", error);
    }

    private static void reply(RoutingContext rc, JsonObject body) {
        rc.response()
                .putHeader("content-type", "application/json;charset=UTF-8")
                .end(body.encode());
    }

    private static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "1000." + HexFormat.of().formatHex(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
