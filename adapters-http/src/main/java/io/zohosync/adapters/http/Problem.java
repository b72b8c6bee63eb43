package io.zohosync.adapters.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem body with a stable {@code code} callers can branch on. Thrown from handlers
 * and written by {@link Problems}; never carries a stack trace.
 */
final class Problem extends RuntimeException {

    static final String TYPE_BASE = "https://zoho-sync.dev/problems/";

    private final int status;
    private final String code;
    private final transient JsonArray errors;

    Problem(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    Problem(int status, String code, String detail, JsonArray errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    JsonObject body(String instance) {
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + code)
                .put("title", title(status))
                .put("status", status)
                .put("code", code)
                .put("detail", getMessage())
                .put("instance", instance);
        if (errors != null) {
            body.put("errors", errors);
        }
        return body;
    }

    void send(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/problem+json")
                .end(body(ctx.request().path()).encode());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
