package io.zohosync.adapters.http.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.ReconcileJson;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import io.zohosync.ports.in.ReconcileUseCase;
import io.zohosync.ports.in.ReconcileUseCase.RepairResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admin API, reconciliation (issue 12, item 11): {@code POST /reconciliations} runs one now (202 with its report's
 * id), {@code GET /reconciliations} lists reports newest first by a keyset cursor, {@code GET /reconciliations/{id}}
 * shows one with a page of its drifts, {@code POST /reconciliations/{id}/repair} applies its safe repairs or the named
 * drifts'.
 */
final class ReconcileRoutes {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int MAX_NAMED = 1000;
    private static final String PATH = "/reconciliations";
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final ReconcileUseCase reconcile;

    ReconcileRoutes(ReconcileUseCase reconcile) {
        this.reconcile = reconcile;
    }

    void mount(Router admin, long bodyLimit) {
        admin.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::start);
        admin.get(PATH).handler(this::list);
        admin.get(PATH + "/:id").handler(this::show);
        admin.post(PATH + "/:id/repair")
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::repair);
    }

    private void start(RoutingContext ctx) {
        Map<String, Object> body = body(ctx, "the reconciliation");
        only(body, Set.of("entity", "repair"));
        Object repair = body.getOrDefault("repair", false);
        if (!(repair instanceof Boolean)) {
            throw Problem.invalid("repair", "must be true or false");
        }
        var request = new ReconcileUseCase.Request(entities(body.get("entity")), (Boolean) repair);
        reconcile
                .start(request, ReconcileUseCase.Progress.NONE)
                .map(started -> new Reply(
                        202,
                        new JsonObject()
                                .put("id", started.reportId())
                                .put("status", ReconcileReport.Status.RUNNING.wire())
                                .put("links", new JsonObject().put("self", self(started.reportId()))),
                        self(started.reportId())))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private Set<EntityType> entities(Object raw) {
        if (raw == null) {
            return Set.of();
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw Problem.invalid("entity", "must be a non-empty list of entity types: " + wires(reconcile.types()));
        }
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            EntityType type = null;
            try {
                type = item instanceof String s ? EntityType.fromWire(s) : null;
            } catch (IllegalArgumentException e) {
                // named below
            }
            if (type == null || !reconcile.types().contains(type)) {
                throw Problem.invalid(
                        "entity[" + i + "]", "must be an entity type reconciled: one of " + wires(reconcile.types()));
            }
            types.add(type);
        }
        return types;
    }

    private void list(RoutingContext ctx) {
        long before = ActivityRoutes.number(ctx.queryParams(), "before", 1, Long.MAX_VALUE, 0);
        int limit = (int) ActivityRoutes.number(ctx.queryParams(), "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        reconcile
                .list(before == 0 ? null : before, limit)
                .map(reports -> {
                    JsonArray all = new JsonArray();
                    reports.forEach(r -> all.add(ReconcileJson.report(r)));
                    Long next = reports.size() == limit
                            ? reports.get(reports.size() - 1).id()
                            : null;
                    return Reply.ok(ReconcileJson.present(
                            new JsonObject().put("reports", all).put("next_before", next)));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        long id = id(ctx);
        long after = ActivityRoutes.number(ctx.queryParams(), "after", 1, Long.MAX_VALUE, 0);
        int limit = (int) ActivityRoutes.number(ctx.queryParams(), "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        reconcile
                .report(id, after == 0 ? null : after, limit)
                .map(found -> {
                    ReconcileUseCase.Detail detail = found.orElseThrow(() -> notFound(id));
                    List<ReconcileDrift> drifts = detail.drifts();
                    Long next = drifts.size() == limit
                            ? drifts.get(drifts.size() - 1).id()
                            : null;
                    return Reply.ok(ReconcileJson.present(new JsonObject()
                            .put("report", ReconcileJson.report(detail.report()))
                            .put("drifts", ReconcileJson.drifts(drifts))
                            .put("next_after", next)));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void repair(RoutingContext ctx) {
        long id = id(ctx);
        Map<String, Object> body = body(ctx, "the repair");
        only(body, Set.of("drifts"));
        List<Long> named = named(body.get("drifts"));
        reconcile
                .repair(id, named, Actors.of(ctx))
                .map(result -> {
                    if (result instanceof RepairResult.Repaired repaired) {
                        return Reply.ok(new JsonObject()
                                .put("report", ReconcileJson.report(repaired.report()))
                                .put("attempted", ReconcileJson.drifts(repaired.attempted())));
                    }
                    if (result instanceof RepairResult.StillRunning) {
                        throw new Problem(
                                409,
                                "reconciliation_running",
                                "reconciliation " + id + " is still running: repair it once it has ended");
                    }
                    if (result instanceof RepairResult.UnknownDrifts unknown) {
                        throw Problem.invalid("drifts", "not drifts of reconciliation " + id + ": " + unknown.ids());
                    }
                    throw notFound(id);
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private static List<Long> named(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_NAMED) {
            throw Problem.invalid("drifts", "must be a list of 1 to " + MAX_NAMED + " drift ids");
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() < 1 || n.doubleValue() != n.longValue()) {
                throw Problem.invalid("drifts[" + i + "]", "must be a drift id: a whole number from 1");
            }
            ids.add(n.longValue());
        }
        return ids;
    }

    /** An optional JSON object: no body is an empty one; a body must say it is JSON. */
    private static Map<String, Object> body(RoutingContext ctx, String what) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            return Map.of();
        }
        JsonBodies.requireJson(ctx, what);
        return JsonBodies.object(body);
    }

    private static void only(Map<String, Object> body, Set<String> known) {
        body.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
            throw Problem.invalid(
                    k,
                    "is not a field of this request; known: "
                            + known.stream().sorted().toList());
        });
    }

    private static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        if (!ID.matcher(raw).matches()) {
            throw new Problem(404, "reconciliation_not_found", "no reconciliation " + raw + ": ids are whole numbers");
        }
        return Long.parseLong(raw);
    }

    private static Problem notFound(long id) {
        return new Problem(404, "reconciliation_not_found", "no reconciliation " + id);
    }

    private static String self(long id) {
        return "/admin/api" + PATH + "/" + id;
    }

    private static List<String> wires(List<EntityType> types) {
        return types.stream().map(EntityType::wire).toList();
    }
}
