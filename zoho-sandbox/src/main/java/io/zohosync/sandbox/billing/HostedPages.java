package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.Timestamps;
import io.zohosync.sandbox.core.ZohoReplies;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Billing hosted pages for a new subscription or a plan change. The page's {@code url} is served by the sandbox: opening it
 * plays the customer completing checkout (the subscription is created or changed and the page turns {@code success}).
 */
final class HostedPages {
    static final String ENTITY = "hostedpages";
    /** How long a page can be completed (Zoho's lifetime is undocumented). */
    static final Duration LIFETIME = Duration.ofHours(1);

    /** What a page was opened for: the request body, its checked prices, and when it expires. */
    private record Pending(JsonObject body, JsonObject priced, Instant expires) {}

    private final BillingLedger ledger;
    private final Customers customers;
    private final Subscriptions subscriptions;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    HostedPages(BillingLedger ledger, Customers customers, Subscriptions subscriptions) {
        this.ledger = ledger;
        this.customers = customers;
        this.subscriptions = subscriptions;
    }

    void mount(ApiRoutes routes, Router router) {
        routes.add(Operation.post(ROOT + "/hostedpages/newsubscription"), this::newSubscription)
                .add(Operation.post(ROOT + "/hostedpages/updatesubscription"), this::updateSubscription)
                .add(Operation.post(ROOT + "/hostedpages/updatecard"), this::updateCard)
                .add(Operation.get(ROOT + "/hostedpages/:hostedpage_id"), this::get);
        router.get("/billing/checkout/:hostedpage_id").handler(this::checkout);
    }

    private void newSubscription(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        String missing = customers.find(body.getString("customer_id")) == null
                ? Customers.missing(body.getJsonObject("customer"))
                : null;
        if (missing != null) {
            ZohoReplies.invalid(rc, body.containsKey("customer") ? "customer." + missing : "customer_id");
            return;
        }
        if (subscriptions.date(rc, body.getString("starts_at")) == null) return;
        JsonObject priced = subscriptions.priced(rc, body, null);
        if (priced != null) open(rc, "new_subscription", body, priced);
    }

    private void updateSubscription(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        JsonObject subscription = subscriptions.settled(body.getString("subscription_id"));
        if (subscription == null || Subscriptions.ended(subscription)) {
            ZohoReplies.invalid(rc, "subscription_id");
            return;
        }
        JsonObject priced = subscriptions.priced(rc, body, subscription);
        if (priced != null) open(rc, "update_subscription", body, priced);
    }

    /** A page on which the customer replaces a live subscription's card; Zoho answers it with 200, not 201. */
    private void updateCard(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        JsonObject subscription = subscriptions.settled(body.getString("subscription_id"));
        if (subscription == null || Subscriptions.ended(subscription)) {
            ZohoReplies.invalid(rc, "subscription_id");
            return;
        }
        open(rc, "update_card", body, null);
    }

    private void open(RoutingContext rc, String action, JsonObject body, JsonObject priced) {
        String id = ledger.newId();
        Instant expires = ledger.instant().plus(LIFETIME);
        JsonObject page = new JsonObject()
                .put("hostedpage_id", id)
                .put("status", "fresh")
                .put("url", ledger.baseUrl() + "/billing/checkout/" + id)
                .put("action", action)
                .put("expiring_time", Timestamps.time(expires))
                .put("created_time", ledger.now());
        pending.put(id, new Pending(body.copy(), priced, expires));
        if (priced == null) {
            ZohoReplies.ok(rc, "Hosted page has been created successfully.", "hostedpage", page.copy());
        } else {
            ZohoReplies.created(rc, "Hosted page has been created successfully.", "hostedpage", page.copy());
        }
        page.put("custom_fields", new JsonArray()).put("data", new JsonObject());
        save(page);
    }

    /** Zoho answers a hosted page's fields at the top level of the envelope. */
    private void get(RoutingContext rc) {
        JsonObject page = ledger.find(ENTITY, rc.pathParam("hostedpage_id"));
        if (page == null) {
            ZohoReplies.notFound(rc, "Hosted page");
            return;
        }
        if ("fresh".equals(page.getString("status"))) {
            page.put("status", "read");
            save(page);
        }
        ZohoReplies.send(
                rc,
                200,
                new JsonObject().put("code", 0).put("message", "success").mergeIn(page));
    }

    /** The customer's browser completing checkout: 200 (or the redirect), or 410 when the page expired, was used or its subscription ended. */
    private void checkout(RoutingContext rc) {
        ledger.called("GET /billing/checkout/{hostedpage_id}");
        String id = rc.pathParam("hostedpage_id");
        JsonObject page = ledger.find(ENTITY, id);
        Pending request = pending.get(id);
        if (page == null
                || request == null
                || "success".equals(page.getString("status"))
                || ledger.instant().isAfter(request.expires())) {
            rc.response()
                    .setStatusCode(410)
                    .putHeader("content-type", "text/html")
                    .end("<p>This page has expired.</p>");
            return;
        }
        JsonObject subscription = subscriptions.settled(request.body().getString("subscription_id"));
        if (subscription != null && Subscriptions.ended(subscription)) {
            rc.response()
                    .setStatusCode(410)
                    .putHeader("content-type", "text/html")
                    .end("<p>This subscription has ended.</p>");
            return;
        }
        if ("new_subscription".equals(page.getString("action"))) {
            JsonObject customer = customers.find(request.body().getString("customer_id"));
            if (customer == null) customer = customers.create(request.body().getJsonObject("customer"));
            String startsAt = request.body().getString("starts_at");
            subscription = subscriptions.start(
                    customer,
                    request.priced(),
                    request.body(),
                    startsAt == null || startsAt.isBlank() ? ledger.today() : LocalDate.parse(startsAt));
        } else if (request.priced() != null) {
            subscriptions.change(subscription, request.priced());
        } // update_card: the card is Zoho's alone; the subscription is unchanged
        page.put("status", "success")
                .put(
                        "data",
                        new JsonObject().put("subscription", BillingLedger.only(subscription, Subscriptions.HOSTED)));
        save(page);
        String redirect = request.body().getString("redirect_url");
        if (redirect != null) {
            rc.response()
                    .setStatusCode(302)
                    .putHeader("Location", redirect + (redirect.contains("?") ? "&" : "?") + "hostedpage_id=" + id)
                    .end();
            return;
        }
        rc.response().putHeader("content-type", "text/html").end("<p>Thank you. Your subscription is confirmed.</p>");
    }

    private void save(JsonObject page) {
        ledger.save(ENTITY, page.getString("hostedpage_id"), page, List.of(page.getString("hostedpage_id")), List.of());
    }
}
