package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;
import static io.zohosync.sandbox.billing.BillingLedger.blank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Billing subscriptions and their lifecycle: {@code future} or {@code live} with a first invoice, plan and addon changes now
 * or at term end, cancellation now ({@code cancelled}) or at term end ({@code non_renewing}). Term ends are settled on the
 * sandbox clock whenever subscriptions are read: renewals raise invoices, scheduled changes and cancellations take effect.
 */
final class Subscriptions {
    static final String ENTITY = "subscriptions";
    /** Fields of a subscription in Zoho's answers, inside a hosted page, and as a list row. */
    static final List<String> DETAIL = List.of(
            "subscription_id",
            "name",
            "status",
            "amount",
            "currency_code",
            "created_at",
            "activated_at",
            "current_term_starts_at",
            "current_term_ends_at",
            "last_billing_at",
            "next_billing_at",
            "expires_at",
            "interval",
            "interval_unit",
            "auto_collect",
            "reference_id",
            "child_invoice_id",
            "customer",
            "plan",
            "addons",
            "created_time",
            "updated_time");

    static final List<String> HOSTED = DETAIL.stream()
            .filter(f ->
                    !List.of("activated_at", "auto_collect", "last_billing_at").contains(f))
            .toList();
    static final List<String> ROW = List.of(
            "subscription_id",
            "name",
            "plan_name",
            "status",
            "amount",
            "currency_code",
            "created_at",
            "activated_at",
            "current_term_starts_at",
            "current_term_ends_at",
            "last_billing_at",
            "next_billing_at",
            "expires_at",
            "interval",
            "interval_unit",
            "auto_collect",
            "reference_id",
            "customer_id",
            "customer_name",
            "email",
            "created_time",
            "updated_time");
    private static final int MAX_TERMS_SETTLED = 120;

    private final BillingLedger ledger;
    private final Customers customers;
    private final Catalog plans;
    private final Catalog addons;
    private final BillingInvoices invoices;

    Subscriptions(BillingLedger ledger, Customers customers, Catalog plans, Catalog addons, BillingInvoices invoices) {
        this.ledger = ledger;
        this.customers = customers;
        this.plans = plans;
        this.addons = addons;
        this.invoices = invoices;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/subscriptions"), this::create)
                .add(
                        Operation.get(
                                ROOT + "/subscriptions",
                                "filter_by",
                                "customer_id",
                                "reference_contains",
                                "page",
                                "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/subscriptions/:subscription_id"), this::get)
                .add(Operation.put(ROOT + "/subscriptions/:subscription_id"), this::update)
                .add(Operation.action(ROOT + "/subscriptions/:subscription_id/cancel", "cancel_at_end"), this::cancel)
                .add(Operation.action(ROOT + "/subscriptions/:subscription_id/reactivate"), this::reactivate);
    }

    /** Checks the plan and addons of {@code body} and prices them; answers the error and returns null when they do not hold. */
    JsonObject priced(RoutingContext rc, JsonObject body, JsonObject current) {
        JsonObject wanted = body.getJsonObject("plan", current == null ? null : current.getJsonObject("plan"));
        JsonObject plan = wanted == null ? null : plans.find(wanted.getString("plan_code"));
        if (plan == null) {
            ZohoReplies.invalid(rc, "plan_code");
            return null;
        }
        if (!"active".equals(plan.getString("status"))) {
            ZohoReplies.error(
                    rc,
                    400,
                    ZohoReplies.CODE_INVALID_VALUE,
                    "The plan " + plan.getString("plan_code") + " is inactive.");
            return null;
        }
        JsonArray lines = new JsonArray().add(line(plan, "plan_code", wanted));
        JsonArray chosen = new JsonArray();
        for (Object value :
                body.getJsonArray("addons", current == null ? new JsonArray() : current.getJsonArray("addons"))) {
            JsonObject given = value instanceof JsonObject object ? object : new JsonObject();
            JsonObject addon = addons.find(given.getString("addon_code"));
            if (addon == null || !"active".equals(addon.getString("status"))) {
                ZohoReplies.invalid(rc, "addon_code");
                return null;
            }
            JsonObject line = line(addon, "addon_code", given);
            lines.add(line);
            chosen.add(line);
        }
        double amount = lines.stream()
                .mapToDouble(l -> ((JsonObject) l).getDouble("total"))
                .sum();
        return new JsonObject()
                .put("plan", lines.getJsonObject(0))
                .put("addons", chosen)
                .put("amount", BillingLedger.money(amount))
                .put("interval", plan.getInteger("interval"))
                .put("interval_unit", plan.getString("interval_unit"))
                .put("name", plan.getString("name"));
    }

    private static JsonObject line(JsonObject entry, String codeField, JsonObject given) {
        double price = given.getNumber("price", Catalog.price(entry)).doubleValue();
        int quantity = given.getNumber("quantity", 1).intValue();
        return new JsonObject()
                .put(codeField, entry.getString(codeField))
                .put("name", entry.getString("name"))
                .put("price", price)
                .put("quantity", quantity)
                .put("total", BillingLedger.money(price * quantity));
    }

    /** Stores a new subscription for {@code customer}, raising its first invoice unless it starts in the future. */
    JsonObject start(JsonObject customer, JsonObject priced, JsonObject body, LocalDate startsAt) {
        String now = ledger.now();
        boolean future = startsAt.isAfter(ledger.today());
        JsonObject subscription = new JsonObject()
                .put("subscription_id", ledger.newId())
                .mergeIn(priced)
                .put("status", future ? "future" : "live")
                .put("currency_code", customer.getString("currency_code", "USD"))
                .put("auto_collect", body.getBoolean("auto_collect", false))
                .put("reference_id", body.getString("reference_id", ""))
                .put("customer_id", customer.getString("customer_id"))
                .put("customer_name", customer.getString("display_name"))
                .put("email", customer.getString("email"))
                .put(
                        "customer",
                        new JsonObject()
                                .put("customer_id", customer.getString("customer_id"))
                                .put("display_name", customer.getString("display_name"))
                                .put("email", customer.getString("email")))
                .put("created_at", ledger.today().toString())
                .put("activated_at", future ? "" : startsAt.toString())
                .put("starts_at", startsAt.toString())
                .put("expires_at", "")
                .put("created_time", now)
                .put("updated_time", now)
                .put("child_invoice_id", "");
        term(subscription, startsAt);
        save(subscription);
        ledger.event("subscription_created", "subscription", view(subscription));
        if (!future) bill(subscription);
        return subscription;
    }

    private void create(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        LocalDate startsAt = date(rc, body.getString("starts_at"));
        if (startsAt == null) return;
        JsonObject customer = customers.find(body.getString("customer_id"));
        if (customer == null && body.containsKey("customer_id")) {
            ZohoReplies.invalid(rc, "customer_id");
            return;
        }
        String missing = customer == null ? Customers.missing(body.getJsonObject("customer")) : null;
        if (missing != null) {
            ZohoReplies.invalid(rc, "customer." + missing);
            return;
        }
        JsonObject priced = priced(rc, body, null);
        if (priced == null) return;
        if (customer == null) customer = customers.create(body.getJsonObject("customer"));
        ZohoReplies.created(
                rc,
                "Subscription has been created successfully.",
                "subscription",
                view(start(customer, priced, body, startsAt)));
    }

    /** {@code starts_at} as a date (today when absent), or null after answering that it is not one. */
    LocalDate date(RoutingContext rc, String value) {
        if (blank(value)) return ledger.today();
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            ZohoReplies.invalid(rc, "starts_at");
            return null;
        }
    }

    private void update(RoutingContext rc) {
        JsonObject subscription = settled(rc.pathParam("subscription_id"));
        if (subscription == null) {
            ZohoReplies.notFound(rc, "Subscription");
            return;
        }
        if (ended(subscription)) {
            ZohoReplies.error(
                    rc, 400, ZohoReplies.CODE_INVALID_VALUE, "A cancelled or expired subscription cannot be updated.");
            return;
        }
        JsonObject body = BillingLedger.body(rc);
        JsonObject priced = priced(rc, body, subscription);
        if (priced == null) return;
        if (body.containsKey("reference_id")) subscription.put("reference_id", body.getString("reference_id", ""));
        if (body.getBoolean("end_of_term", false)) {
            subscription.put("scheduled_changes", priced);
            save(subscription);
        } else {
            change(subscription, priced);
        }
        ZohoReplies.ok(rc, "Subscription has been updated successfully.", "subscription", view(subscription));
    }

    /** Applies a new plan and addons: subscription_upgraded when the amount rises, _downgraded when it falls, _updated otherwise. */
    void change(JsonObject subscription, JsonObject priced) {
        double before = subscription.getDouble("amount");
        subscription.mergeIn(priced).put("updated_time", ledger.now());
        subscription.remove("scheduled_changes");
        save(subscription);
        double after = priced.getDouble("amount");
        String type = after > before
                ? "subscription_upgraded"
                : after < before ? "subscription_downgraded" : "subscription_updated";
        ledger.event(type, "subscription", view(subscription));
    }

    private void cancel(RoutingContext rc) {
        JsonObject subscription = settled(rc.pathParam("subscription_id"));
        if (subscription == null) {
            ZohoReplies.notFound(rc, "Subscription");
            return;
        }
        if (ended(subscription)) {
            ZohoReplies.error(rc, 400, ZohoReplies.CODE_INVALID_VALUE, "The subscription has already been cancelled.");
            return;
        }
        if ("true".equals(rc.request().getParam("cancel_at_end"))) {
            subscription
                    .put("status", "non_renewing")
                    .put("expires_at", subscription.getString("current_term_ends_at"))
                    .put("updated_time", ledger.now());
            save(subscription);
            ledger.event("subscription_cancellation_scheduled", "subscription", view(subscription));
            ZohoReplies.ok(
                    rc,
                    "Your subscription will be canceled at the end of this term.",
                    "subscription",
                    view(subscription));
            return;
        }
        cancelled(subscription, ledger.today());
        ZohoReplies.ok(rc, "Your subscription has been canceled.", "subscription", view(subscription));
    }

    /** Zoho: "You can reactivate a subscription only if the status of the subscription is non-renewing" (error code unconfirmed). */
    private void reactivate(RoutingContext rc) {
        JsonObject subscription = settled(rc.pathParam("subscription_id"));
        if (subscription == null) {
            ZohoReplies.notFound(rc, "Subscription");
            return;
        }
        if (!"non_renewing".equals(subscription.getString("status"))) {
            ZohoReplies.error(
                    rc, 400, ZohoReplies.CODE_INVALID_VALUE, "Only a non-renewing subscription can be reactivated.");
            return;
        }
        subscription.put("status", "live").put("expires_at", "").put("updated_time", ledger.now());
        save(subscription);
        ledger.event("subscription_reactivated", "subscription", view(subscription));
        ZohoReplies.ok(rc, "Subscription has been reactivated successfully.", "subscription", view(subscription));
    }

    private void cancelled(JsonObject subscription, LocalDate on) {
        subscription
                .put("status", "cancelled")
                .put("expires_at", on.toString())
                .put("next_billing_at", "")
                .put("updated_time", ledger.now());
        save(subscription);
        ledger.event("subscription_cancelled", "subscription", view(subscription));
    }

    private void get(RoutingContext rc) {
        JsonObject subscription = settled(rc.pathParam("subscription_id"));
        if (subscription == null) {
            ZohoReplies.notFound(rc, "Subscription");
            return;
        }
        ZohoReplies.ok(rc, "success", "subscription", view(subscription));
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        String contains = rc.request().getParam("reference_contains");
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .map(s -> settled(s.getString("subscription_id")))
                .filter(s -> Filters.exact(rc, "customer_id", s.getString("customer_id"))
                        && (contains == null
                                || s.getString("reference_id")
                                        .toLowerCase(Locale.ROOT)
                                        .contains(contains.toLowerCase(Locale.ROOT)))
                        && statusMatches(filter, s.getString("status")))
                .map(s -> BillingLedger.only(
                        s.copy().put("plan_name", s.getJsonObject("plan").getString("name")), ROW))
                .toList();
        ZohoReplies.list(rc, "subscriptions", rows, new JsonObject());
    }

    private static boolean statusMatches(String filter, String status) {
        if (filter == null || filter.equalsIgnoreCase("SubscriptionStatus.All")) return true;
        if (filter.equalsIgnoreCase("SubscriptionStatus.ACTIVE"))
            return List.of("live", "non_renewing", "trial").contains(status);
        return filter.equalsIgnoreCase("SubscriptionStatus." + status.replace("_", ""))
                || filter.equalsIgnoreCase("SubscriptionStatus." + status);
    }

    /** The subscription with every term end up to today settled: renewed (new invoice), changed as scheduled, or cancelled. */
    JsonObject settled(String id) {
        JsonObject subscription = ledger.find(ENTITY, id);
        if (subscription == null) return null;
        LocalDate today = ledger.today();
        if ("future".equals(subscription.getString("status"))
                && !LocalDate.parse(subscription.getString("starts_at")).isAfter(today)) {
            subscription.put("status", "live").put("activated_at", subscription.getString("starts_at"));
            save(subscription);
            ledger.event("subscription_activation", "subscription", view(subscription));
            bill(subscription);
        }
        for (int i = 0;
                i < MAX_TERMS_SETTLED
                        && !ended(subscription)
                        && !"future".equals(subscription.getString("status"))
                        && !LocalDate.parse(subscription.getString("current_term_ends_at"))
                                .isAfter(today);
                i++) {
            LocalDate end = LocalDate.parse(subscription.getString("current_term_ends_at"));
            if ("non_renewing".equals(subscription.getString("status"))) {
                cancelled(subscription, end);
                break;
            }
            if (subscription.containsKey("scheduled_changes"))
                change(subscription, subscription.getJsonObject("scheduled_changes"));
            term(subscription, end);
            save(subscription);
            ledger.event("subscription_renewed", "subscription", view(subscription));
            bill(subscription);
        }
        return subscription;
    }

    private void bill(JsonObject subscription) {
        JsonArray items = new JsonArray();
        JsonObject plan = subscription.getJsonObject("plan");
        items.add(new JsonObject()
                .put("code", plan.getString("plan_code"))
                .put("name", plan.getString("name"))
                .put("price", plan.getDouble("price"))
                .put("quantity", plan.getInteger("quantity")));
        subscription.getJsonArray("addons").forEach(a -> {
            JsonObject addon = (JsonObject) a;
            items.add(new JsonObject()
                    .put("code", addon.getString("addon_code"))
                    .put("name", addon.getString("name"))
                    .put("price", addon.getDouble("price"))
                    .put("quantity", addon.getInteger("quantity")));
        });
        JsonObject invoice = invoices.raise(
                customers.find(subscription.getString("customer_id")),
                items,
                subscription.getString("subscription_id"),
                subscription.getString("reference_id"));
        subscription
                .put("child_invoice_id", invoice.getString("invoice_id"))
                .put("last_billing_at", subscription.getString("current_term_starts_at"));
        save(subscription);
    }

    private static void term(JsonObject subscription, LocalDate start) {
        int interval = subscription.getInteger("interval", 1);
        LocalDate end = "years".equals(subscription.getString("interval_unit"))
                ? start.plusYears(interval)
                : "weeks".equals(subscription.getString("interval_unit"))
                        ? start.plusWeeks(interval)
                        : start.plusMonths(interval);
        subscription
                .put("current_term_starts_at", start.toString())
                .put("current_term_ends_at", end.toString())
                .put("next_billing_at", end.toString())
                .put("last_billing_at", subscription.getString("last_billing_at", start.toString()));
    }

    /** The subscription as Zoho's answers show it. */
    static JsonObject view(JsonObject subscription) {
        return BillingLedger.only(subscription, DETAIL);
    }

    static boolean ended(JsonObject subscription) {
        return List.of("cancelled", "expired").contains(subscription.getString("status"));
    }

    void save(JsonObject subscription) {
        ledger.save(
                ENTITY,
                subscription.getString("subscription_id"),
                subscription,
                List.of(subscription.getString("subscription_id"), subscription.getString("reference_id")),
                List.of());
    }
}
