package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small readers for request bodies and route parameters shared by the Books resources. */
final class Bodies {
    private Bodies() {}

    static JsonObject json(RoutingContext rc) {
        JsonObject body = rc.body().length() == 0 ? null : rc.body().asJsonObject();
        return body == null ? new JsonObject() : body;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static JsonArray array(JsonObject body, String key) {
        JsonArray array = body.getJsonArray(key);
        return array == null ? new JsonArray() : array;
    }

    static boolean flag(RoutingContext rc, String param) {
        return "true".equalsIgnoreCase(rc.request().getParam(param));
    }

    /** A decimal rounded to cents, as Zoho shows amounts. */
    static double money(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
