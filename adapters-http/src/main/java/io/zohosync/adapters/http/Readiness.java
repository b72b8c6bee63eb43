package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * One thing {@code /health/ready} asks: {@code check} succeeds with details when the dependency
 * is usable and fails (with a message that is safe to show) when it is not.
 */
public record Readiness(String name, Supplier<Future<JsonObject>> check) {}
