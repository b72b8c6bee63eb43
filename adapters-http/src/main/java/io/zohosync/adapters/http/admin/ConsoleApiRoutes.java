package io.zohosync.adapters.http.admin;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.adapters.http.common.Ids;
import io.zohosync.adapters.http.common.JsonBodies;
import io.zohosync.adapters.http.common.Problem;
import io.zohosync.adapters.http.common.Reply;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.ConsoleQuery;
import io.zohosync.ports.in.ConsoleQuery.ContactSearch;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.Operations;
import io.zohosync.ports.in.RecordHistory;
import io.zohosync.ports.in.RecordWait;
import io.zohosync.ports.in.SourceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Admin API for the console's screens: {@code GET /sync/operations} (the health cards' figures),
 * {@code GET /sync/{entity}/{id}/history} (a record's platform data, Zoho links, source events, waits and admin
 * actions), {@code GET /customers} (the customer list with a status filter) and {@code GET /zoho/contacts?q=} (Books
 * contacts to link a customer to, searched through the contacts client under the shared budget).
 */
final class ConsoleApiRoutes {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int MAX_TEXT = 100;

    private final ConsoleQuery console;

    ConsoleApiRoutes(ConsoleQuery console) {
        this.console = console;
    }

    void mount(Router admin) {
        admin.get("/sync/operations").handler(this::operations);
        admin.get("/sync/:entity/:id/history").handler(this::history);
        admin.get("/customers").handler(this::customers);
        admin.get("/zoho/contacts").handler(this::contacts);
    }

    private void operations(RoutingContext ctx) {
        console.operations()
                .map(o -> Reply.ok(json(o)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        EntityRef entity = PathKeys.entity(ctx);
        console.history(entity)
                .map(h -> Reply.ok(json(entity, h)))
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void customers(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        SyncStatus status =
                ActivityRoutes.known(params, "status", SyncStatus::fromWire, SyncStatus.values(), SyncStatus::wire);
        String after = params.get("after");
        if (after != null && !Ids.plausible(after)) {
            throw Problem.invalid("after", "must be the next_after of an earlier page");
        }
        CustomerQuery query = new CustomerQuery(status, text(params, false), after, (int)
                ActivityRoutes.number(params, "limit", 1, MAX_PAGE, DEFAULT_PAGE));
        console.customers(query)
                .map(page -> {
                    JsonArray customers = new JsonArray();
                    page.customers()
                            .forEach(c -> customers.add(new JsonObject()
                                    .put("id", c.id())
                                    .put("name", c.name())
                                    .put("email", c.email())
                                    .put("records", JsonBodies.records(c.records()))));
                    return Reply.ok(new JsonObject().put("customers", customers).put("next_after", page.nextAfter()));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    private void contacts(RoutingContext ctx) {
        String text = text(ctx.queryParams(), true);
        console.searchContacts(text)
                .map(result -> {
                    if (result instanceof ContactSearch.Unavailable unavailable) {
                        throw new Problem(503, "zoho_unavailable", unavailable.reason());
                    }
                    JsonArray contacts = new JsonArray();
                    ((ContactSearch.Found) result)
                            .contacts()
                            .forEach(c -> contacts.add(new JsonObject()
                                    .put("contact_id", c.contactId())
                                    .put("contact_name", c.contactName())
                                    .put("email", c.email())
                                    .put("currency_code", c.currencyCode())));
                    return Reply.ok(new JsonObject()
                            .put("by", text.contains("@") ? "email" : "name")
                            .put("contacts", contacts));
                })
                .onSuccess(reply -> reply.send(ctx))
                .onFailure(ctx::fail);
    }

    /** {@code q}: 1 to {@value #MAX_TEXT} characters once trimmed (the request guards refuse control characters). */
    private static String text(MultiMap params, boolean required) {
        String raw = params.get("q");
        if (raw == null && !required) {
            return null;
        }
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw Problem.invalid(
                    "q",
                    (required ? "is required: " : "must be ") + "1 to " + MAX_TEXT
                            + " characters to look for (an email address or a name)");
        }
        return text;
    }

    private static JsonObject json(Operations o) {
        JsonArray budget = new JsonArray();
        o.budget()
                .forEach(m -> budget.add(new JsonObject()
                        .put("meter", m.meter().name().toLowerCase(Locale.ROOT))
                        .put("last_day", m.lastDay())
                        .put("last_minute", m.lastMinute())
                        .put("per_day", m.perDay())
                        .put("per_minute", m.perMinute())));
        Instant oldest = o.oldestDueSince();
        return new JsonObject()
                .put("at", o.now().toString())
                .put("synced_last_day", o.syncedLastDay())
                .put("failed_last_day", o.failedLastDay())
                .put("success_rate", o.successRate())
                .put("due", o.due())
                .put("oldest_due_since", oldest == null ? null : oldest.toString())
                .put(
                        "oldest_due_seconds",
                        oldest == null
                                ? null
                                : Math.max(0, Duration.between(oldest, o.now()).toSeconds()))
                .put("budget", budget);
    }

    private static JsonObject json(EntityRef entity, RecordHistory h) {
        JsonArray sources = new JsonArray();
        h.sources().forEach(s -> sources.add(json(s)));
        JsonArray actions = new JsonArray();
        h.actions().forEach(a -> actions.add(json(a)));
        return new JsonObject()
                .put("entity_type", entity.type().wire())
                .put("entity_id", entity.id())
                .put("platform_data", new JsonObject(new java.util.LinkedHashMap<>(h.platformData())))
                .put("zoho_links", new JsonObject(new java.util.LinkedHashMap<String, Object>(h.zohoLinks())))
                .put("sources", sources)
                .put("prerequisites", waits(h.prerequisites()))
                .put("dependants", waits(h.dependants()))
                .put("admin_actions", actions);
    }

    private static JsonObject json(SourceEvent s) {
        return new JsonObject()
                .put("provider", s.provider())
                .put("event_id", s.eventId())
                .put("received_at", s.receivedAt().toString())
                .put("held_id", s.held())
                .put("type", s.type())
                .put("status", s.status())
                .put("detail", s.detail());
    }

    private static JsonObject json(AdminActionEntry a) {
        return new JsonObject()
                .put("actor", a.actor())
                .put("action", a.action())
                .put("target", a.target() == null ? null : a.target().wire())
                .put("at", a.at().toString())
                .put("detail", a.detail());
    }

    private static JsonArray waits(List<RecordWait> waits) {
        JsonArray list = new JsonArray();
        waits.forEach(w -> list.add(new JsonObject()
                .put("waiting", key(w.waiting()).put("status", w.waitingStatus().wire()))
                .put(
                        "needs",
                        key(w.needs())
                                .put(
                                        "status",
                                        w.needsStatus() == null
                                                ? null
                                                : w.needsStatus().wire()))
                .put("since", w.since().toString())));
        return list;
    }

    private static JsonObject key(SyncKey key) {
        return new JsonObject()
                .put("entity_type", key.type().wire())
                .put("entity_id", key.entityId())
                .put("target", key.target().wire());
    }
}
