package io.zohosync.adapters.http.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zohosync.adapters.http.common.BearerAuth;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.in.SyncStatusQuery;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Platform API for one collection: an entity in ({@code POST /{collection}} with the id in the body,
 * {@code PUT /{collection}/{id}} with it in the path) and its sync state out ({@code GET /{collection}/{id}}).
 */
final class EntityRoutes {

    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final String collection;
    private final EntityType type;
    private final RecordEntityUseCase entities;
    private final SyncStatusQuery status;

    EntityRoutes(String collection, EntityType type, RecordEntityUseCase entities, SyncStatusQuery status) {
        this.collection = collection;
        this.type = type;
        this.entities = entities;
        this.status = status;
    }

    void mount(Router api, long bodyLimit) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit);
        String all = "/" + collection;
        String one = all + "/:id";
        api.post(all).handler(this::checkHeaders);
        api.post(all).handler(body).handler(ctx -> accept(ctx, null));
        api.put(one).handler(this::checkHeaders);
        api.put(one).handler(body).handler(ctx -> accept(ctx, ctx.pathParam("id")));
        api.get(one).handler(this::show);
    }

    /** Refuses what the headers give away before a byte of the body is read; a route of its own, as Vert.x wants body handlers first. */
    private void checkHeaders(RoutingContext ctx) {
        JsonBodies.requireJson(ctx, "the " + type.wire());
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new Problem(
                    400,
                    "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        ctx.next();
    }

    private void accept(RoutingContext ctx, String pathId) {
        Buffer raw = ctx.body().buffer();
        Map<String, Object> body = JsonBodies.object(raw);
        checkIdLength(pathId != null ? pathId : body.get("id"));
        String key = ctx.request().getHeader("Idempotency-Key");
        // each API key has its own Idempotency-Keys: two platforms choosing the same key never collide
        String scoped = key == null ? null : BearerAuth.caller(ctx) + "/" + key;
        entities.record(new Command(type, pathId, body, scoped, key == null ? null : sha256(raw)))
                .map(result -> RecordedReply.of(collection, result))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!Ids.plausible(id)) {
            throw notFound(id);
        }
        EntityRef ref = new EntityRef(type, id);
        status.records(ref)
                .compose(records -> status.mirrored(ref).map(mirrored -> withMirrored(shown(id, records), mirrored)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private Reply shown(String id, List<SyncRecordView> records) {
        if (records.isEmpty()) {
            throw notFound(id);
        }
        List<SyncRecordView> byTarget = records.stream()
                .sorted(Comparator.comparing(r -> r.key().target()))
                .toList();
        return Reply.ok(new JsonObject()
                .put("id", id)
                .put("sync", JsonBodies.record(byTarget.get(0)))
                .put("records", JsonBodies.records(byTarget)));
    }

    /** Each target's mirrored Zoho state under the target's name ({@code billing}: a subscription's status and plan). */
    private static Reply withMirrored(
            Reply reply,
            java.util.Map<io.zohosync.domain.entity.SyncTarget, io.zohosync.ports.in.MirroredState> mirrored) {
        mirrored.forEach((target, state) -> reply.body()
                .put(
                        target.wire(),
                        new JsonObject()
                                .put("status", state.status())
                                .put("details", new JsonObject(new java.util.LinkedHashMap<>(state.details())))
                                .put("zoho_time", state.zohoTime().toString())
                                .put("source", state.source())));
        return reply;
    }

    private Problem notFound(String id) {
        return new Problem(404, type.wire() + "_not_found", "no " + type.wire() + " with id " + id);
    }

    /** An id longer than a path allows could be stored but never read back. */
    private static void checkIdLength(Object id) {
        if (id instanceof String s && s.length() > Ids.MAX_LENGTH) {
            throw Problem.invalid("id", "must be at most " + Ids.MAX_LENGTH + " characters");
        }
    }

    private static String sha256(Buffer body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
