package io.zohosync.adapters.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.AdminSyncUseCase.Action;
import io.zohosync.ports.in.AdminSyncUseCase.Command;
import io.zohosync.ports.in.AdminSyncUseCase.Result;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncStatusQuery;

/** Admin API: the sync status summary, the most recently changed records, and an admin's hand on one record. */
final class AdminRoutes {

    private static final int DEFAULT_RECENT = 20;
    private static final int MAX_RECENT = 500;

    private final SyncStatusQuery status;
    private final AdminSyncUseCase actions;

    AdminRoutes(SyncStatusQuery status, AdminSyncUseCase actions) {
        this.status = status;
        this.actions = actions;
    }

    void mount(Router admin, long bodyLimit) {
        admin.get("/sync/status").handler(this::overview);
        for (Action action : Action.values()) {
            String path = "/sync/:entityType/:entityId/" + action.name().toLowerCase(Locale.ROOT);
            if (action == Action.LINK) {
                admin.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(ctx -> act(ctx, action));
            } else {
                admin.post(path).handler(ctx -> act(ctx, action));
            }
        }
    }

    private void act(RoutingContext ctx, Action action) {
        String zohoId = action == Action.LINK ? zohoId(ctx) : null;
        actions.apply(new Command(ctx.pathParam("entityType"), ctx.pathParam("entityId"), action, zohoId))
                .onSuccess(result -> {
                    if (result instanceof Result.Changed changed) {
                        ctx.response().putHeader("content-type", "application/json").end(Json.record(changed.record()).encode());
                    } else if (result instanceof Result.Refused refused) {
                        ctx.fail(new Problem(409, "transition_not_allowed", refused.reason()));
                    } else {
                        ctx.fail(new Problem(404, "record_not_found",
                                "no sync record for " + ctx.pathParam("entityType") + " " + ctx.pathParam("entityId")));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static String zohoId(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new Problem(400, "malformed_json", "send {\"zoho_id\": \"…\"}");
        }
        String zohoId = body == null ? null : Json.string(body, "zoho_id", "");
        if (zohoId == null || zohoId.isBlank()) {
            throw Json.invalid("zoho_id", "is required: the id of the Zoho record to link");
        }
        return zohoId.trim();
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
