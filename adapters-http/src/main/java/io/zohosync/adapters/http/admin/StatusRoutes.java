package io.zohosync.adapters.http.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncOverview;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordQuery.Position;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Admin API, reading: the sync status summary with the most recently changed records, the records a page at a time
 * by a keyset cursor ({@code GET /sync/records}), and every target's record of one entity.
 */
final class StatusRoutes {

    private static final int DEFAULT_RECENT = 20;
    private static final int MAX_RECENT = 500;
    private static final int DEFAULT_PAGE = 50;

    private final SyncStatusQuery status;

    StatusRoutes(SyncStatusQuery status) {
        this.status = status;
    }

    void mount(Router admin) {
        admin.get("/sync/status").handler(this::overview);
        admin.get("/sync/records").handler(this::list);
        admin.get("/sync/:entity/:id").handler(this::records);
    }

    private void overview(RoutingContext ctx) {
        status.overview(limit(ctx.queryParams().get("limit")))
                .map(overview -> Reply.ok(json(overview)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        SyncRecordQuery query = new SyncRecordQuery(
                ActivityRoutes.known(
                        params, "entity_type", EntityType::fromWire, EntityType.values(), EntityType::wire),
                ActivityRoutes.known(params, "target", SyncTarget::fromWire, SyncTarget.values(), SyncTarget::wire),
                ActivityRoutes.known(params, "status", SyncStatus::fromWire, SyncStatus.values(), SyncStatus::wire),
                params.get("after") == null ? null : position(params.get("after")),
                (int) ActivityRoutes.number(params, "limit", 1, MAX_RECENT, DEFAULT_PAGE));
        status.list(query)
                .map(page -> Reply.ok(new JsonObject()
                        .put("records", JsonBodies.records(page.records()))
                        .put("next_after", page.next() == null ? null : cursor(page.next()))))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    /** The cursor a client hands back: opaque to it, the last record's change time and key to us. */
    private static String cursor(Position position) {
        SyncKey key = position.key();
        String raw = String.join(
                "\n",
                position.updatedAt().toString(),
                key.type().wire(),
                key.target().wire(),
                key.entityId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Position position(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 4);
            if (parts.length == 4 && Ids.plausible(parts[3])) {
                return new Position(
                        Instant.parse(parts[0]),
                        new SyncKey(EntityType.fromWire(parts[1]), parts[3], SyncTarget.fromWire(parts[2])));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // falls through to the problem below
        }
        throw Problem.invalid("after", "must be the next_after of an earlier page");
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
        JsonObject byTarget = new JsonObject();
        overview.countsByTarget().forEach((type, targets) -> {
            JsonObject perTarget = new JsonObject();
            targets.forEach((target, byStatus) -> {
                JsonObject row = new JsonObject();
                byStatus.forEach((status, n) -> row.put(status.wire(), n));
                perTarget.put(target.wire(), row);
            });
            byTarget.put(type.wire(), perTarget);
        });
        return new JsonObject()
                .put("sync_enabled", overview.syncEnabled())
                .put("counts", counts)
                .put("counts_by_target", byTarget)
                .put("recent", JsonBodies.records(overview.recent()));
    }
}
