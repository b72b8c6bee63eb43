package io.zohosync.sandbox.crm;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.GuardReplies;
import io.zohosync.sandbox.core.Limit;
import io.zohosync.sandbox.core.ZohoReplies;

/** CRM's error shape {@code {"code":"INVALID_DATA","message":..,"status":"error","details":{..}}}, for whole calls and for each record. */
final class CrmReplies {
    private CrmReplies() {}

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

    static final GuardReplies GUARD = new GuardReplies() {
        @Override
        public void unauthorized(RoutingContext rc) {
            send(rc, 401, "INVALID_TOKEN", "invalid oauth token", new JsonObject());
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
