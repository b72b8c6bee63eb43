package io.zohosync.adapters.http.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.in.ReconcileReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** Reconciliation reports and drifts as JSON: the admin API's and the {@code reconcile} command's one shape. */
public final class ReconcileJson {

    private ReconcileJson() {}

    /** Without the fields that have no value (a report still running has no finish time): absent, never null. */
    public static JsonObject present(JsonObject json) {
        json.fieldNames().removeIf(name -> json.getValue(name) == null);
        return json;
    }

    /** A report's summary. */
    public static JsonObject report(ReconcileReport r) {
        return present(new JsonObject()
                .put("id", r.id())
                .put("status", r.status().wire())
                .put("started_at", text(r.startedAt()))
                .put("finished_at", text(r.finishedAt()))
                .put(
                        "scope",
                        new JsonArray(r.scope().stream().map(EntityType::wire).toList()))
                .put("checked", r.checked())
                .put("zoho_calls", r.zohoCalls())
                .put("drifts", r.drifts())
                .put("safe", r.safe())
                .put("repaired", r.repaired())
                .put("left", r.left())
                .put("note", r.note()));
    }

    /** Drifts, each with its proposal and, once tried, its repair's outcome. */
    public static JsonArray drifts(List<ReconcileDrift> drifts) {
        JsonArray all = new JsonArray();
        drifts.forEach(d -> all.add(present(new JsonObject()
                .put("id", d.id())
                .put("entity_type", d.key().type().wire())
                .put("entity_id", d.key().entityId())
                .put("target", d.key().target().wire())
                .put("zoho_id", d.drift().zohoId())
                .put("kind", d.drift().kind().wire())
                .put("repair", d.drift().repair().wire())
                .put("safe", d.drift().safe())
                .put("summary", d.drift().summary())
                .put(
                        "detail",
                        new JsonObject(
                                new LinkedHashMap<String, Object>(d.drift().detail())))
                .put("repaired_at", text(d.repairedAt()))
                .put("repair_outcome", d.repairOutcome()))));
        return all;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
