package io.zohosync.adapters.http.common;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.in.MappingQuery;
import io.zohosync.ports.in.MappingQuery.Filter;
import io.zohosync.ports.in.MappingQuery.Mapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.StringJoiner;

/**
 * {@code GET /mappings}: the canonical mapping platform id ↔ Zoho id per product with Zoho's mirrored state (issue
 * 10, item 10), for the platform ({@code entity} and {@code id}) and the admin (also by {@code target} and by
 * {@code zoho_id}: which record a Zoho object belongs to). 422 {@code validation_failed} naming each missing or bad
 * parameter, 422 {@code unknown_entity_type}, 404 {@code mapping_not_found} when no record matches.
 */
public final class MappingRoutes {

    private final MappingQuery mappings;
    private final boolean admin;

    /** {@code admin}: the admin's form, which also takes {@code target} and {@code zoho_id}. */
    public MappingRoutes(MappingQuery mappings, boolean admin) {
        this.mappings = mappings;
        this.admin = admin;
    }

    public void mount(Router router) {
        router.get("/mappings").handler(this::find);
    }

    private void find(RoutingContext ctx) {
        Filter filter = filter(ctx.queryParams());
        mappings.find(filter)
                .map(found -> {
                    if (found.isEmpty()) {
                        throw new Problem(404, "mapping_not_found", "no sync record matches " + described(filter));
                    }
                    JsonArray list = new JsonArray();
                    found.forEach(m -> list.add(json(m)));
                    return Reply.ok(new JsonObject().put("mappings", list));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private Filter filter(MultiMap params) {
        List<FieldError> errors = new ArrayList<>();
        String entity = text(params, "entity", errors);
        String id = text(params, "id", errors);
        String target = admin ? text(params, "target", errors) : null;
        String zohoId = admin ? text(params, "zoho_id", errors) : null;
        if (!admin || zohoId == null) {
            if (entity == null && !has(params, "entity")) {
                errors.add(new FieldError("entity", admin ? "is required with id (or give zoho_id)" : "is required"));
            }
            if (id == null && !has(params, "id")) {
                errors.add(new FieldError("id", admin ? "is required with entity (or give zoho_id)" : "is required"));
            }
        }
        SyncTarget product = null;
        if (target != null) {
            try {
                product = SyncTarget.fromWire(target);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        "target",
                        "must be one of "
                                + Arrays.stream(SyncTarget.values())
                                        .map(SyncTarget::wire)
                                        .toList()));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
        EntityType type = null;
        if (entity != null) {
            try {
                type = EntityType.fromWire(entity);
            } catch (IllegalArgumentException e) {
                throw new Problem(
                        422,
                        "unknown_entity_type",
                        "unknown entity type '" + entity + "'; one of "
                                + Arrays.stream(EntityType.values())
                                        .map(EntityType::wire)
                                        .toList());
            }
        }
        return new Filter(type, id, product, zohoId);
    }

    /** A parameter's value: null when absent; blank or longer than an id may be: an error. */
    private static String text(MultiMap params, String name, List<FieldError> errors) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        if (!Ids.plausible(value)) {
            errors.add(new FieldError(name, "must be 1 to " + Ids.MAX_LENGTH + " characters, not blank"));
            return null;
        }
        return value;
    }

    private static boolean has(MultiMap params, String name) {
        return params.contains(name);
    }

    private static String described(Filter f) {
        StringJoiner d = new StringJoiner(", ");
        if (f.type() != null) {
            d.add("entity=" + f.type().wire());
        }
        if (f.entityId() != null) {
            d.add("id=" + f.entityId());
        }
        if (f.target() != null) {
            d.add("target=" + f.target().wire());
        }
        if (f.zohoId() != null) {
            d.add("zoho_id=" + f.zohoId());
        }
        return d.toString();
    }

    /** One product's link and, when mirrored, what Zoho last said of it. */
    static JsonObject json(Mapping m) {
        JsonObject zoho = m.zoho() == null
                ? null
                : new JsonObject()
                        .put("status", m.zoho().status())
                        .put(
                                "details",
                                new JsonObject(new LinkedHashMap<>(m.zoho().details())))
                        .put("zoho_time", m.zoho().zohoTime().toString())
                        .put("source", m.zoho().source());
        return new JsonObject()
                .put("entity_type", m.key().type().wire())
                .put("entity_id", m.key().entityId())
                .put("target", m.key().target().wire())
                .put("zoho_id", m.zohoId())
                .put("status", m.status().wire())
                .put("updated_at", m.updatedAt().toString())
                .put("zoho", zoho);
    }
}
