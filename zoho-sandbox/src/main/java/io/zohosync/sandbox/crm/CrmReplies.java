package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.GuardReplies;
import io.zohosync.sandbox.core.Limit;
import io.zohosync.sandbox.core.ZohoReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CRM's error shape {@code {"code":"INVALID_DATA","message":..,"status":"error","details":{..}}}, for whole calls and for each record. */
final class CrmReplies {
    private static final Logger LOG = LoggerFactory.getLogger(CrmReplies.class);
    private static final String TOKEN_PREFIX = "Zoho-oauthtoken ";

    private CrmReplies() {}

    /**
     * A CRM request that failed outside its handler's own answers (a body over the size limit, a crash): CRM's shape with the code CRM's enum has for it, never Books' {@code {"code":..,"message"}}.
     */
    static void failed(RoutingContext rc) {
        if (rc.response().ended()) return;
        if (rc.failure() != null) {
            LOG.error(
                    "Sandbox CRM failed on {} {}",
                    rc.request().method(),
                    rc.request().path(),
                    rc.failure());
            GUARD.internalError(rc);
            return;
        }
        if (rc.statusCode() == 413) {
            // UNCONFIRMED: the code CRM answers for a body over its size limit
            send(rc, 413, "LIMIT_EXCEEDED", "Record count exceeded", new JsonObject());
            return;
        }
        send(rc, rc.statusCode(), "INVALID_DATA", "invalid data", new JsonObject());
    }

    static JsonObject error(String code, String message, JsonObject details) {
        return new JsonObject()
                .put("code", code)
                .put("details", details)
                .put("message", message)
                .put("status", "error");
    }

    static void send(RoutingContext rc, int status, String code, String message, JsonObject details) {
        ZohoReplies.send(rc, status, error(code, message, details));
    }

    /**
     * Per-record results as {@code {"data":[..]}}: {@code allDone} when every record succeeded, 207 when some did, 400
     * when none did.
     */
    static void results(RoutingContext rc, int allDone, JsonArray results) {
        long done = results.stream()
                .filter(r -> "success".equals(((JsonObject) r).getString("status")))
                .count();
        int status = done == results.size() ? allDone : done == 0 ? 400 : 207;
        ZohoReplies.send(rc, status, new JsonObject().put("data", results));
    }

    static final GuardReplies GUARD = new GuardReplies() {
        /**
         * No usable {@code Authorization} header (none, another scheme, no token after it) is
         * {@code AUTHENTICATION_FAILURE} "Authentication failed"; a token Zoho does not honour (unknown, expired,
         * revoked) is {@code INVALID_TOKEN} "invalid oauth token". Codes and messages are CRM's (its error enum);
         * UNCONFIRMED: the 401 status of both, and where exactly Zoho draws the line between them (integrators report
         * both codes for bad tokens: docs/zoho-api.md, field notes).
         */
        @Override
        public void unauthorized(RoutingContext rc) {
            String header = rc.request().getHeader("Authorization");
            boolean tokenGiven = header != null
                    && header.startsWith(TOKEN_PREFIX)
                    && !header.substring(TOKEN_PREFIX.length()).isBlank();
            if (tokenGiven) {
                send(rc, 401, "INVALID_TOKEN", "invalid oauth token", new JsonObject());
            } else {
                send(rc, 401, "AUTHENTICATION_FAILURE", "Authentication failed", new JsonObject());
            }
        }

        @Override
        public void organizationMissing(RoutingContext rc) {
            send(rc, 400, "INVALID_DATA", "invalid data", new JsonObject());
        }

        @Override
        public void organizationUnknown(RoutingContext rc, String organizationId) {
            send(rc, 400, "INVALID_DATA", "invalid data", new JsonObject());
        }

        @Override
        public void tooManyRequests(RoutingContext rc, Limit limit, int configuredLimit) {
            send(rc, 429, "TOO_MANY_REQUESTS", "too many requests", new JsonObject().put("limit", configuredLimit));
        }

        @Override
        public void internalError(RoutingContext rc) {
            send(rc, 500, "INTERNAL_ERROR", "Internal Server Error", new JsonObject());
        }

        @Override
        public void undocumented(RoutingContext rc, String reason) {
            send(
                    rc,
                    400,
                    "INVALID_DATA",
                    "invalid data",
                    new JsonObject().put("reason", reason + " (sandbox strict mode)"));
        }

        @Override
        public void malformedBody(RoutingContext rc) {
            send(rc, 400, "INVALID_DATA", "body", new JsonObject());
        }
    };
}
