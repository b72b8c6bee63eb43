package io.zohosync.sandbox.core;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One product's data for the sandbox organization, per entity kind in creation order; every write is shown to the recorder. */
public final class Ledger {
    private final SandboxContext context;
    private final String product;
    private final Map<String, Map<String, JsonObject>> tables = new LinkedHashMap<>();

    public Ledger(SandboxContext context, String product) {
        this.context = context;
        this.product = product;
    }

    public String newId() {
        return context.ids().next();
    }

    /** The sandbox clock's time in Zoho's timestamp format. */
    public String now() {
        return Timestamps.time(context.clock().now());
    }

    public String today() {
        return Timestamps.date(context.clock().now());
    }

    public JsonObject find(String entity, String id) {
        return id == null ? null : table(entity).get(id);
    }

    public List<JsonObject> all(String entity) {
        return new ArrayList<>(table(entity).values());
    }

    /** Stores (or replaces) a record and indexes it for inspection by exact {@code keys} and free {@code texts}. */
    public void save(String entity, String id, JsonObject record, Collection<String> keys, Collection<String> texts) {
        table(entity).put(id, record);
        context.recorder().entity(product, entity, id, record, keys, texts);
    }

    public void remove(String entity, String id) {
        table(entity).remove(id);
        context.recorder().forget(product, entity, id);
    }

    public SandboxContext context() {
        return context;
    }

    private Map<String, JsonObject> table(String entity) {
        return tables.computeIfAbsent(entity, k -> new LinkedHashMap<>());
    }
}
