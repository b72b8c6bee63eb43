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
 * {@link JsonObject}s, and the ports must never see either Vert.x type. On the way it refuses what no
 * entity needs and storage cannot take: nesting beyond {@link #MAX_DEPTH}, and text with a NUL or an
 * unpaired surrogate (valid JSON escapes, but not text Postgres can hold).
 */
final class PlainJson {

    /** No platform entity nests this deep; a body that does is refused before any recursion can hurt. */
    static final int MAX_DEPTH = 32;

    private PlainJson() {}

    static Map<String, Object> map(JsonObject json) {
        return map(json.getMap(), "", 1);
    }

    private static Map<String, Object> map(Map<?, ?> source, String path, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            String field = path + storable(String.valueOf(key), path + "(a key)");
            copy.put(String.valueOf(key), value(value, field, depth));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static List<Object> list(List<?> source, String path, int depth) {
        List<Object> copy = new ArrayList<>(source.size());
        for (int i = 0; i < source.size(); i++) {
            copy.add(value(source.get(i), path + "[" + i + "]", depth));
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * Numbers, booleans and nulls stay as they are, except that a decimal becomes a {@code BigDecimal} of its
     * shortest form ("12.5", never 12.4999…): amounts are compared and stored as written.
     */
    private static Object value(Object value, String field, int depth) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new Problem(400, "malformed_json", "the body holds a number too large to read at " + field);
            }
            return java.math.BigDecimal.valueOf(d);
        }
        boolean container = value instanceof JsonObject
                || value instanceof Map
                || value instanceof JsonArray
                || value instanceof List;
        if (container && depth >= MAX_DEPTH) {
            throw new Problem(400, "malformed_json", "the body nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof JsonObject json) {
            return map(json.getMap(), field + ".", depth + 1);
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, field + ".", depth + 1);
        }
        if (value instanceof JsonArray array) {
            return list(array.getList(), field, depth + 1);
        }
        if (value instanceof List<?> list) {
            return list(list, field, depth + 1);
        }
        if (value instanceof String text) {
            return storable(text, field);
        }
        return value;
    }

    private static String storable(String text, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (c == '\0' || Character.isSurrogate(c)) {
                throw Problem.invalid(field, "must be text without NUL characters or unpaired surrogates");
            }
        }
        return text;
    }
}
