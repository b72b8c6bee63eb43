package io.zohosync.adapters.postgres.entity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** jsonb as the plain Java values the ports speak (maps, lists, strings, numbers, booleans), and back. */
public final class JsonValues {

    private JsonValues() {}

    public static Map<String, Object> plain(JsonObject json) {
        Map<String, Object> map = new LinkedHashMap<>();
        json.forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject o) {
            return plain(o);
        }
        if (value instanceof JsonArray a) {
            List<Object> list = new ArrayList<>(a.size());
            a.forEach(v -> list.add(plain(v)));
            return list;
        }
        return value;
    }

    public static JsonObject json(Map<String, Object> payload) {
        return new JsonObject(new LinkedHashMap<>(payload));
    }
}
