package io.zohosync.adapters.http.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogPage;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncStatusQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Admin API, the sync log: {@code GET /sync/log}, newest first a page at a time, with the filters of the console's
 * Activity screen and of a record's page; the next page is asked for with {@code before=<next_before>} (a keyset
 * cursor, so a page deep in a million rows costs what the first does). Every bad parameter is a 422
 * {@code validation_failed} naming it.
 */
final class ActivityRoutes {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int MAX_TEXT = 200;
    private static final Pattern EVENT = Pattern.compile("[a-z0-9_]{1,64}");

    private final SyncStatusQuery status;

    ActivityRoutes(SyncStatusQuery status) {
        this.status = status;
    }

    void mount(Router admin) {
        admin.get("/sync/log").handler(this::log);
    }

    private void log(RoutingContext ctx) {
        status.log(query(ctx.queryParams()))
                .map(page -> Reply.ok(json(page)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    static SyncLogQuery query(MultiMap params) {
        EntityType type = known(params, "entity_type", EntityType::fromWire, EntityType.values(), EntityType::wire);
        String entityId = params.get("entity_id");
        if (entityId != null) {
            if (!Ids.plausible(entityId)) {
                throw Problem.invalid("entity_id", "must be a platform id: 1 to " + Ids.MAX_LENGTH + " characters");
            }
            if (type == null) {
                throw Problem.invalid("entity_id", "needs entity_type: ids are unique within an entity type");
            }
        }
        SyncTarget target = known(params, "target", SyncTarget::fromWire, SyncTarget.values(), SyncTarget::wire);
        SyncStatus to = known(params, "status", SyncStatus::fromWire, SyncStatus.values(), SyncStatus::wire);
        String event = params.get("event");
        if (event != null && !EVENT.matcher(event).matches()) {
            throw Problem.invalid("event", "must be an event name such as zoho_rejected: [a-z0-9_], 1 to 64");
        }
        String text = params.get("q") == null ? null : params.get("q").strip();
        if (text != null && (text.isEmpty() || text.length() > MAX_TEXT)) {
            throw Problem.invalid("q", "must be 1 to " + MAX_TEXT + " characters to look for");
        }
        Instant since = instant(params, "since");
        Instant until = instant(params, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw Problem.invalid("until", "must be after since");
        }
        long before = number(params, "before", 1, Long.MAX_VALUE, 0);
        int limit = (int) number(params, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        return new SyncLogQuery(
                type, entityId, target, to, event, text, since, until, before == 0 ? null : before, limit);
    }

    static <T> T known(MultiMap params, String name, Function<String, T> parse, T[] all, Function<T, String> wire) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(
                    name, "must be one of " + Arrays.stream(all).map(wire).toList());
        }
    }

    private static Instant instant(MultiMap params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name, "must be a UTC time such as 2026-01-31T23:00:00Z");
        }
    }

    static long number(MultiMap params, String name, long min, long max, long fallback) {
        String raw = params.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.invalid(name, "must be a whole number from " + min + " to " + max);
    }

    private static JsonObject json(SyncLogPage page) {
        JsonArray entries = new JsonArray();
        page.entries().forEach(e -> entries.add(json(e)));
        return new JsonObject().put("entries", entries).put("next_before", page.nextBefore());
    }

    private static JsonObject json(SyncLogEntry e) {
        return new JsonObject()
                .put("id", e.id())
                .put("entity_type", e.key().type().wire())
                .put("entity_id", e.key().entityId())
                .put("target", e.key().target().wire())
                .put("at", e.at().toString())
                .put("last_at", e.lastAt() == null ? null : e.lastAt().toString())
                .put("from_status", e.from() == null ? null : e.from().wire())
                .put("to_status", e.to().wire())
                .put("event", e.event())
                .put("message", e.message())
                .put("zoho_id", e.zohoId())
                .put("repeats", e.repeats());
    }
}
