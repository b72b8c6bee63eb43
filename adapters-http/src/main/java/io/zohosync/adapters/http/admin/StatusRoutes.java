package io.zohosync.adapters.http.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import java.util.Comparator;
import java.util.List;

/** Admin API, reading: the sync status summary with the most recently changed records, and every target's record of one entity. */
final class StatusRoutes {

    private static final int DEFAULT_RECENT = 20;
    private static final int MAX_RECENT = 500;

    private final SyncStatusQuery status;

    StatusRoutes(SyncStatusQuery status) {
        this.status = status;
    }

    void mount(Router admin) {
        admin.get("/sync/status").handler(this::overview);
        admin.get("/sync/:entity/:id").handler(this::records);
    }

    private void overview(RoutingContext ctx) {
        status.overview(limit(ctx.queryParams().get("limit")))
                .map(overview -> Reply.ok(json(overview)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void records(RoutingContext ctx) {
        EntityRef entity = PathKeys.entity(ctx);
        status.records(entity)
                .map(records -> records(entity, records))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static Reply records(EntityRef entity, List<SyncRecordView> records) {
        if (records.isEmpty()) {
            throw new Problem(404, "record_not_found", "no sync record for " + entity);
        }
        List<SyncRecordView> byTarget = records.stream()
                .sorted(Comparator.comparing(r -> r.key().target()))
                .toList();
        return Reply.ok(new JsonObject()
                .put("entity_type", entity.type().wire())
                .put("entity_id", entity.id())
                .put("records", JsonBodies.records(byTarget)));
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
        throw Problem.invalid("limit", "must be a whole number from 0 to " + MAX_RECENT);
    }

    private static JsonObject json(SyncOverview overview) {
        JsonObject counts = new JsonObject();
        overview.counts().forEach((type, byStatus) -> {
            JsonObject row = new JsonObject();
            byStatus.forEach((status, n) -> row.put(status.wire(), n));
            counts.put(type.wire(), row);
        });
        return new JsonObject()
                .put("sync_enabled", overview.syncEnabled())
                .put("counts", counts)
                .put("recent", JsonBodies.records(overview.recent()));
    }
}
