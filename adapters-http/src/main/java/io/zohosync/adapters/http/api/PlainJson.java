package io.zohosync.adapters.http.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.http.common.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vert.x JSON to the plain Java values the ports speak (maps, lists, strings, numbers, booleans, nulls),
 * copied all the way down: a parsed {@link JsonObject} may hold its nested values as maps or as
 * {@link JsonObject}s, and the ports must never see either Vert.x type.
 */
final class PlainJson {

    /** No platform entity nests this deep; a body that does is refused before any recursion can hurt. */
    static final int MAX_DEPTH = 32;

    private PlainJson() {}

    static Map<String, Object> map(JsonObject json) {
        return map(json.getMap(), 1);
    }

    private static Map<String, Object> map(Map<?, ?> source, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(String.valueOf(key), value(value, depth)));
        return Collections.unmodifiableMap(copy);
    }

    private static List<Object> list(List<?> source, int depth) {
        List<Object> copy = new ArrayList<>(source.size());
        source.forEach(value -> copy.add(value(value, depth)));
        return Collections.unmodifiableList(copy);
    }

    /** Strings, numbers, booleans and nulls stay as they are: a parsed body holds nothing else. */
    private static Object value(Object value, int depth) {
        boolean container = value instanceof JsonObject || value instanceof Map || value instanceof JsonArray || value instanceof List;
        if (container && depth >= MAX_DEPTH) {
            throw new Problem(400, "malformed_json", "the body nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof JsonObject json) {
            return map(json.getMap(), depth + 1);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, depth + 1);
        }
        if (value instanceof JsonArray array) {
            return list(array.getList(), depth + 1);
        }
        if (value instanceof List<?> list) {
            return list(list, depth + 1);
        }
        return value;
    }
}
