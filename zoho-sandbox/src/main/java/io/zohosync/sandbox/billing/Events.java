package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.Comparator;
import java.util.List;

/** Billing's event log ({@code GET /events}, newest first, filterable by {@code event_type}) and single events by id. */
final class Events {
    private final BillingLedger ledger;

    Events(BillingLedger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.get(ROOT + "/events", "event_type", "page", "per_page"), this::list)
                .add(Operation.get(ROOT + "/events/:event_id"), this::get);
    }

    private void list(RoutingContext rc) {
        List<JsonObject> rows = ledger.all(BillingLedger.EVENTS).stream()
                .filter(e -> Filters.exact(rc, "event_type", e.getString("event_type")))
                .sorted(Comparator.comparing((JsonObject e) -> Long.parseLong(e.getString("event_id")))
                        .reversed())
                .map(e -> BillingLedger.only(e, List.of("event_id", "event_type", "event_time")))
                .toList();
        ZohoReplies.list(rc, "events", rows, new JsonObject());
    }

    private void get(RoutingContext rc) {
        JsonObject event = ledger.find(BillingLedger.EVENTS, rc.pathParam("event_id"));
        if (event == null) {
            ZohoReplies.notFound(rc, "Event");
            return;
        }
        ZohoReplies.ok(rc, "success", "event", event);
    }
}
