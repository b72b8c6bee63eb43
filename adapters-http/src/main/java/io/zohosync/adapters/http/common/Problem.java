package io.zohosync.adapters.http.common;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.domain.common.InvalidInput.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem body with a stable {@code code} callers can branch on. Thrown from handlers (or
 * passed to {@code ctx.fail}) and written by {@link Problems}; never carries a stack trace.
 */
public final class Problem extends RuntimeException {

    static final String TYPE_BASE = "https://zoho-sync.dev/problems/";

    private final int status;
    private final String code;
    private final transient JsonArray errors;
    private final long retryAfterSeconds;

    public Problem(int status, String code, String detail) {
        this(status, code, detail, null, 0);
    }

    private Problem(int status, String code, String detail, JsonArray errors, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal that passes: sent with {@code Retry-After} so callers know when to try again (429, 503). */
    public static Problem retryLater(int status, String code, String detail, long retryAfterSeconds) {
        return new Problem(status, code, detail, null, Math.max(1, retryAfterSeconds));
    }

    /** 422 {@code validation_failed} listing every broken field. */
    public static Problem validation(List<FieldError> errors) {
        JsonArray list = new JsonArray();
        errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
        return new Problem(
                422,
                "validation_failed",
                "the request breaks " + errors.size() + (errors.size() == 1 ? " rule" : " rules") + "; see errors",
                list,
                0);
    }

    /** 422 {@code validation_failed} for one field. */
    public static Problem invalid(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    JsonObject body(String instance) {
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + code)
                .put("title", title(status))
                .put("status", status)
                .put("code", code)
                .put("detail", getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        return body;
    }

    /** Sends this problem on a request no router saw (its line or headers unreadable), and closes the connection. */
    void send(HttpServerResponse response) {
        response.setStatusCode(status)
                .putHeader("content-type", "application/problem+json")
                .putHeader("connection", "close")
                .end(body(null).encode());
    }

    void send(RoutingContext ctx) {
        if (retryAfterSeconds > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
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
            case 414 -> "URI Too Long";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
