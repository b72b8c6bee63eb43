package io.zohosync.sandbox.books;

import io.vertx.core.json.JsonObject;
import io.zohosync.sandbox.core.SandboxContext;
import io.zohosync.sandbox.core.Timestamps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Books organization's data, kept per entity kind in creation order; every write is shown to the recorder. */
final class BooksLedger {
  private final SandboxContext context;
  private final Map<String, Map<String, JsonObject>> tables = new LinkedHashMap<>();

  BooksLedger(SandboxContext context) {
    this.context = context;
  }

  String newId() {
    return context.ids().next();
  }

  String now() {
    return Timestamps.time(context.clock().now());
  }

  String today() {
    return Timestamps.date(context.clock().now());
  }

  JsonObject find(String entity, String id) {
    return id == null ? null : table(entity).get(id);
  }

  List<JsonObject> all(String entity) {
    return new ArrayList<>(table(entity).values());
  }

  /** Stores (or replaces) a record and indexes it for inspection by exact {@code keys} and free {@code texts}. */
  void save(String entity, String id, JsonObject record, Collection<String> keys, Collection<String> texts) {
    table(entity).put(id, record);
    context.recorder().entity(BooksApi.PRODUCT, entity, id, record, keys, texts);
  }

  void remove(String entity, String id) {
    table(entity).remove(id);
    context.recorder().forget(BooksApi.PRODUCT, entity, id);
  }

  SandboxContext context() {
    return context;
  }

  private Map<String, JsonObject> table(String entity) {
    return tables.computeIfAbsent(entity, k -> new LinkedHashMap<>());
  }
}
