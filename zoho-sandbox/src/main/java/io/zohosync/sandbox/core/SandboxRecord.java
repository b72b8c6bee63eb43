package io.zohosync.sandbox.core;

import io.vertx.core.json.JsonObject;

/** A snapshot of one entity the sandbox holds (for example a Books contact), as last written. */
public record SandboxRecord(String product, String entity, String id, JsonObject body) {}
