package io.zohosync.adapters.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncStatusQuery;

/** Admin API: the sync status summary and the most recently changed records. */
final class AdminRoutes {

    private static final int DEFAULT_RECENT = 20;
    private static final int MAX_RECENT = 500;

    private final SyncStatusQuery status;

    AdminRoutes(SyncStatusQuery status) {
        this.status = status;
    }

    void mount(Router admin) {
        admin.get("/sync/status").handler(this::overview);
    }

    private void overview(RoutingContext ctx) {
        int limit = limit(ctx.queryParams().get("limit"));
        status.overview(limit)
                .onSuccess(overview -> ctx.response().putHeader("content-type", "application/json").end(json(overview).encode()))
                .onFailure(ctx::fail);
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_RECENT;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 0 && value <= MAX_RECENT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Json.invalid("limit", "must be a whole number from 0 to " + MAX_RECENT);
    }

    private static JsonObject json(SyncOverview overview) {
        JsonObject counts = new JsonObject();
        overview.counts().forEach((entity, byStatus) -> {
            JsonObject row = new JsonObject();
            byStatus.forEach((status, n) -> row.put(status.wire(), n));
            counts.put(entity, row);
        });
        JsonArray recent = new JsonArray();
        overview.recent().forEach(r -> recent.add(Json.record(r)));
        return new JsonObject()
                .put("sync_enabled", overview.syncEnabled())
                .put("counts", counts)
                .put("recent", recent);
    }
}
