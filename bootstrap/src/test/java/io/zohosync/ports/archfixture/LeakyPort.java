package io.zohosync.ports.archfixture;

import io.vertx.core.json.JsonObject;

/** A deliberate boundary violation (a port speaking Vert.x JSON) that {@code ArchitectureRulesTest} must catch. */
public interface LeakyPort {

    JsonObject load(String id);
}
