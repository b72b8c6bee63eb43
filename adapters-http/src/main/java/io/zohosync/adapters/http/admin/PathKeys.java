package io.zohosync.adapters.http.admin;

import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;

/** The typed keys in an admin path ({@code /sync/{entity}/{id}[/{target}]}); 404 problems for names nobody knows. */
final class PathKeys {

    private PathKeys() {}

    static EntityRef entity(RoutingContext ctx) {
        EntityType type;
        try {
            type = EntityType.fromWire(ctx.pathParam("entity"));
        } catch (IllegalArgumentException e) {
            throw new Problem(404, "unknown_entity_type", "there is no entity type '" + ctx.pathParam("entity") + "'");
        }
        String id = ctx.pathParam("id");
        if (!Ids.plausible(id)) {
            throw new Problem(404, "record_not_found", "no sync record for " + type.wire() + " " + id);
        }
        return new EntityRef(type, id);
    }

    static SyncKey key(RoutingContext ctx) {
        EntityRef entity = entity(ctx);
        try {
            return entity.at(SyncTarget.fromWire(ctx.pathParam("target")));
        } catch (IllegalArgumentException e) {
            throw new Problem(404, "unknown_target", "there is no sync target '" + ctx.pathParam("target") + "'");
        }
    }
}
