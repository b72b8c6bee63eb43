package io.zohosync.sandbox.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Zoho's Books-family envelope: {@code {"code":0,"message":..,"<entity>":{..}}}, lists with {@code page_context}, error bodies. */
public final class ZohoReplies {
    public static final int CODE_INTERNAL_ERROR = 1000;
    public static final int CODE_NOT_FOUND = 1002;
    public static final int CODE_INVALID_VALUE = 14;
    public static final int CODE_NOT_AUTHORIZED = 57;
    public static final int CODE_UNKNOWN_ORGANIZATION = 6041;

    private ZohoReplies() {}

    public static void send(RoutingContext rc, int status, JsonObject body) {
        rc.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json;charset=UTF-8")
                .end(body.encode());
    }

    public static void created(RoutingContext rc, String message, String key, Object entity) {
        send(rc, 201, new JsonObject().put("code", 0).put("message", message).put(key, entity));
    }

    public static void ok(RoutingContext rc, String message, String key, Object entity) {
        send(rc, 200, new JsonObject().put("code", 0).put("message", message).put(key, entity));
    }

    public static void ok(RoutingContext rc, String message) {
        send(rc, 200, new JsonObject().put("code", 0).put("message", message));
    }

    public static void error(RoutingContext rc, int status, int code, String message) {
        send(rc, status, new JsonObject().put("code", code).put("message", message));
    }

    /** 404 with code 1002 and "{@code <Entity> does not exist.}". */
    public static void notFound(RoutingContext rc, String entity) {
        error(rc, 404, CODE_NOT_FOUND, entity + " does not exist.");
    }

    /** 400 with code 14 and "{@code Invalid value passed for <field>}". */
    public static void invalid(RoutingContext rc, String field) {
        error(rc, 400, CODE_INVALID_VALUE, "Invalid value passed for " + field);
    }

    /** One page of {@code rows} under {@code key}, with Books' {@code page_context}; refuses a bad page or per_page. */
    public static void list(RoutingContext rc, String key, List<JsonObject> rows, JsonObject pageContextExtras) {
        Page page = Page.of(rc);
        if (page == null) {
            invalid(rc, "page or per_page");
            return;
        }
        int from = Math.min(rows.size(), (page.number() - 1) * page.size());
        int to = Math.min(rows.size(), from + page.size());
        JsonObject context = new JsonObject()
                .put("page", page.number())
                .put("per_page", page.size())
                .put("has_more_page", to < rows.size())
                .mergeIn(pageContextExtras);
        send(
                rc,
                200,
                new JsonObject()
                        .put("code", 0)
                        .put("message", "success")
                        .put(key, new JsonArray(List.copyOf(rows.subList(from, to))))
                        .put("page_context", context));
    }

    public static final GuardReplies BOOKS_STYLE = new GuardReplies() {
        @Override
        public void unauthorized(RoutingContext rc) {
            error(rc, 401, CODE_NOT_AUTHORIZED, "You are not authorized to perform this operation");
        }

        @Override
        public void organizationMissing(RoutingContext rc) {
            invalid(rc, "organization_id");
        }

        @Override
        public void organizationUnknown(RoutingContext rc, String organizationId) {
            error(
                    rc,
                    400,
                    CODE_UNKNOWN_ORGANIZATION,
                    "This user is not associated with the CompanyID/CompanyName:" + organizationId + ".");
        }

        @Override
        public void tooManyRequests(RoutingContext rc, Limit limit, int configuredLimit) {
            switch (limit) {
                case PER_MINUTE ->
                    error(
                            rc,
                            429,
                            44,
                            "For security reasons your organization has been blocked as it have "
                                    + "exceeded the maximum number of requests per minute that can originate from an organization.");
                case PER_DAY ->
                    error(
                            rc,
                            429,
                            45,
                            "The API call for this organization has exceeded the maximum call rate limit of "
                                    + configuredLimit + ".");
                case CONCURRENCY ->
                    error(
                            rc,
                            429,
                            1070,
                            "You have reached the maximum number of in process requests allowed. Kindly try again after some time.");
            }
        }

        @Override
        public void internalError(RoutingContext rc) {
            error(rc, 500, CODE_INTERNAL_ERROR, "Internal error");
        }

        @Override
        public void undocumented(RoutingContext rc, String reason) {
            error(rc, 400, CODE_INVALID_VALUE, "Invalid value passed for " + reason + " (sandbox strict mode)");
        }

        @Override
        public void malformedBody(RoutingContext rc) {
            invalid(rc, "JSONString");
        }
    };
}
