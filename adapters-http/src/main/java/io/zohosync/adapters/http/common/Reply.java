package io.zohosync.adapters.http.common;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A JSON answer built from a use case's result. Handlers build it inside {@code Future.map}, so a
 * {@link Problem} (or a bug) thrown while building fails the future and reaches the failure handler
 * instead of leaving the request unanswered.
 */
public record Reply(int status, JsonObject body, String location) {

    public static Reply ok(JsonObject body) {
        return new Reply(200, body, null);
    }

    public void send(RoutingContext ctx) {
        if (location != null) {
            ctx.response().putHeader("Location", location);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(body.encode());
    }
}
