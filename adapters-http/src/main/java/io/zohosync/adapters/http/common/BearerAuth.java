package io.zohosync.adapters.http.common;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * Checks a shared secret sent as {@code Authorization: Bearer <secret>} (or in {@code headerName}),
 * comparing in constant time.
 */
public final class BearerAuth implements Handler<RoutingContext> {

    private final List<byte[]> secrets;
    private final String headerName;
    private final String realm;

    public BearerAuth(Set<String> secrets, String headerName, String realm) {
        this.secrets =
                secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.headerName = headerName;
        this.realm = realm;
    }

    @Override
    public void handle(RoutingContext ctx) {
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
            ctx.fail(new Problem(401, "unauthorized", "the " + realm + " credential is not valid"));
            return;
        }
        ctx.next();
    }

    private String presented(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return headerName == null ? null : ctx.request().getHeader(headerName);
    }
}
