package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.domain.subscription.SubscriptionChange;
import io.zohosync.ports.out.zoho.BillingSubscription;
import io.zohosync.ports.out.zoho.HostedPage;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoSubscriptions;
import java.time.LocalDate;
import java.util.List;

/** Zoho Billing adapter for {@link ZohoSubscriptions}: {@code /billing/v1/subscriptions} and hosted pages. */
public final class BillingSubscriptionsClient implements ZohoSubscriptions {

    private final ZohoApi api;

    public BillingSubscriptionsClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<BillingSubscription>> create(Subscription s, String customerId) {
        JsonObject body = subscriptionBody(s, customerId).put("auto_collect", false);
        if (s.startsAt() != null) {
            body.put("starts_at", s.startsAt().toString());
        }
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/subscriptions", body),
                r -> subscription(r.getJsonObject("subscription")));
    }

    @Override
    public Future<ZohoOutcome<BillingSubscription>> get(String subscriptionId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/subscriptions/" + subscriptionId),
                r -> subscription(r.getJsonObject("subscription")));
    }

    @Override
    public Future<ZohoOutcome<List<BillingSubscription>>> findByReference(String customerId, String referenceId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/subscriptions").param("customer_id", customerId),
                r -> r.getJsonArray("subscriptions", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BillingSubscriptionsClient::subscription)
                        .filter(sub -> referenceId.equals(sub.referenceId()))
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<BillingSubscription>> change(String subscriptionId, SubscriptionChange change) {
        if (change instanceof SubscriptionChange.Cancel cancel) {
            ZohoRequest request = ZohoRequest.post(
                            ZohoProduct.BILLING, "/subscriptions/" + subscriptionId + "/cancel", null)
                    .param("cancel_at_end", cancel.timing() == SubscriptionChange.Timing.END_OF_TERM);
            return api.call(request, r -> subscription(r.getJsonObject("subscription")));
        }
        if (change instanceof SubscriptionChange.Upgrade u) {
            return move(subscriptionId, u.planCode(), u.quantity(), u.addons(), u.timing());
        }
        if (change instanceof SubscriptionChange.Downgrade d) {
            return move(subscriptionId, d.planCode(), d.quantity(), d.addons(), d.timing());
        }
        throw new IllegalArgumentException("a new subscription is created with create(), not change(): " + change);
    }

    @Override
    public Future<ZohoOutcome<BillingSubscription>> reactivate(String subscriptionId) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/subscriptions/" + subscriptionId + "/reactivate", null),
                r -> subscription(r.getJsonObject("subscription")));
    }

    @Override
    public Future<ZohoOutcome<HostedPage>> newSubscriptionPage(Subscription s, String customerId, String redirectUrl) {
        JsonObject body = subscriptionBody(s, customerId).put("redirect_url", redirectUrl);
        return api.call(ZohoRequest.post(ZohoProduct.BILLING, "/hostedpages/newsubscription", body), r -> {
            JsonObject page = r.getJsonObject("hostedpage", new JsonObject());
            return new HostedPage(
                    page.getString("hostedpage_id"),
                    page.getString("url"),
                    page.getString("status"),
                    page.getString("expiring_time"));
        });
    }

    private Future<ZohoOutcome<BillingSubscription>> move(
            String subscriptionId,
            String planCode,
            int quantity,
            List<Addon> addons,
            SubscriptionChange.Timing timing) {
        JsonObject body = new JsonObject()
                .put("plan", new JsonObject().put("plan_code", planCode).put("quantity", quantity))
                .put("addons", addons(addons))
                .put("end_of_term", timing == SubscriptionChange.Timing.END_OF_TERM);
        return api.call(
                ZohoRequest.put(ZohoProduct.BILLING, "/subscriptions/" + subscriptionId, body),
                r -> subscription(r.getJsonObject("subscription")));
    }

    private static JsonObject subscriptionBody(Subscription s, String customerId) {
        return new JsonObject()
                .put("customer_id", customerId)
                .put("plan", new JsonObject().put("plan_code", s.planCode()).put("quantity", s.quantity()))
                .put("addons", addons(s.addons()))
                .put("reference_id", s.platformId());
    }

    private static JsonArray addons(List<Addon> addons) {
        JsonArray array = new JsonArray();
        addons.forEach(
                a -> array.add(new JsonObject().put("addon_code", a.addonCode()).put("quantity", a.quantity())));
        return array;
    }

    static BillingSubscription subscription(JsonObject s) {
        JsonObject plan = s.getJsonObject("plan", new JsonObject());
        List<Addon> addons = new java.util.ArrayList<>();
        s.getJsonArray("addons", new JsonArray()).forEach(a -> {
            if (a instanceof JsonObject addon && addon.getString("addon_code") != null) {
                addons.add(new Addon(
                        addon.getString("addon_code"),
                        Math.max(1, addon.getNumber("quantity", 1).intValue())));
            }
        });
        return new BillingSubscription(
                s.getString("subscription_id"),
                ZohoJson.blankToNull(s.getString("reference_id")),
                s.getString(
                        "customer_id",
                        s.getJsonObject("customer", new JsonObject()).getString("customer_id")),
                plan.getString("plan_code", s.getString("plan_code")),
                s.getString("status"),
                date(s.getString("next_billing_at")),
                date(s.getString("current_term_ends_at")),
                Math.max(1, plan.getNumber("quantity", 1).intValue()),
                addons,
                ZohoJson.decimal(s, "amount"),
                ZohoJson.blankToNull(s.getString("currency_code")),
                date(s.getString("current_term_starts_at")),
                time(s.getString("updated_time")));
    }

    /** Zoho's {@code 2026-11-22T02:03:08+0000}; null when absent or in another form. */
    private static java.time.Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(
                            value, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx"))
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String value) {
        return value == null || value.length() < 10 ? null : LocalDate.parse(value.substring(0, 10));
    }
}
