package io.zohosync.adapters.http.common;

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

    public Problem(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    private Problem(int status, String code, String detail, JsonArray errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    /** 422 {@code validation_failed} listing every broken field. */
    public static Problem validation(List<FieldError> errors) {
        JsonArray list = new JsonArray();
        errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
        return new Problem(
                422,
                "validation_failed",
                "the request breaks " + errors.size() + (errors.size() == 1 ? " rule" : " rules") + "; see errors",
                list);
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
