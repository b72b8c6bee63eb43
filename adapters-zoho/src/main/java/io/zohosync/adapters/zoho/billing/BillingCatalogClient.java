package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.subscription.AddonPlan;
import io.zohosync.domain.subscription.Plan;
import io.zohosync.ports.out.zoho.CatalogEntry;
import io.zohosync.ports.out.zoho.ZohoBillingCatalog;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Zoho Billing adapter for {@link ZohoBillingCatalog}: {@code /billing/v1/plans}, {@code /addons} and {@code /products}.
 * Plans and addons carry no currency: Billing prices them in the organization's currency.
 */
public final class BillingCatalogClient implements ZohoBillingCatalog {

    /** Unit pricing takes one bracket; the update document requires its bounds (unused by the unit scheme). */
    private static final int LAST_QUANTITY = 99_999;

    private final ZohoApi api;

    public BillingCatalogClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<Optional<CatalogEntry>>> plan(String code) {
        return found(
                api.call(ZohoRequest.get(ZohoProduct.BILLING, "/plans/" + code), r -> plan(r.getJsonObject("plan"))));
    }

    @Override
    public Future<ZohoOutcome<Optional<CatalogEntry>>> addon(String code) {
        return found(api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/addons/" + code), r -> addon(r.getJsonObject("addon"))));
    }

    @Override
    public Future<ZohoOutcome<CatalogEntry>> createPlan(Plan plan, String productId) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/plans", planBody(plan).put("product_id", productId)),
                r -> plan(r.getJsonObject("plan")));
    }

    @Override
    public Future<ZohoOutcome<CatalogEntry>> updatePlan(Plan plan) {
        return api.call(
                ZohoRequest.put(ZohoProduct.BILLING, "/plans/" + plan.code(), planBody(plan)),
                r -> plan(r.getJsonObject("plan")));
    }

    @Override
    public Future<ZohoOutcome<CatalogEntry>> createAddon(AddonPlan addon, String productId) {
        JsonObject body = addonBody(addon, productId)
                .put(
                        "price_brackets",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("price", price(addon.price().amount()))));
        return api.call(ZohoRequest.post(ZohoProduct.BILLING, "/addons", body), r -> addon(r.getJsonObject("addon")));
    }

    @Override
    public Future<ZohoOutcome<CatalogEntry>> updateAddon(AddonPlan addon, String productId) {
        JsonObject body = addonBody(addon, productId)
                .put("plans", new JsonArray())
                .put(
                        "price_brackets",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("start_quantity", 1)
                                        .put("end_quantity", LAST_QUANTITY)
                                        .put("price", price(addon.price().amount()))));
        return api.call(
                ZohoRequest.put(ZohoProduct.BILLING, "/addons/" + addon.code(), body),
                r -> addon(r.getJsonObject("addon")));
    }

    @Override
    public Future<ZohoOutcome<List<String>>> productsNamed(String name) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/products").param("filter_by", "ProductStatus.All"),
                r -> r.getJsonArray("products", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .filter(p -> name.equals(p.getString("name")))
                        .map(p -> p.getString("product_id"))
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<String>> createProduct(String name) {
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/products", new JsonObject().put("name", name)),
                r -> r.getJsonObject("product", new JsonObject()).getString("product_id"));
    }

    private static JsonObject planBody(Plan plan) {
        return ZohoJson.withoutNulls(new JsonObject()
                .put("plan_code", plan.code())
                .put("name", plan.name())
                .put("recurring_price", price(plan.price().amount()))
                .put("interval", plan.interval())
                .put("interval_unit", plan.intervalUnit())
                .put("description", plan.description()));
    }

    private static JsonObject addonBody(AddonPlan addon, String productId) {
        return ZohoJson.withoutNulls(new JsonObject()
                .put("addon_code", addon.code())
                .put("name", addon.name())
                .put("unit_name", "unit")
                .put("product_id", productId)
                .put("pricing_scheme", "unit")
                .put("type", addon.type())
                .put("interval_unit", "recurring".equals(addon.type()) ? addon.intervalUnit() : null)
                .put("applicable_to_all_plans", true));
    }

    private static double price(BigDecimal amount) {
        return amount.doubleValue();
    }

    private static <T> Future<ZohoOutcome<Optional<T>>> found(Future<ZohoOutcome<T>> call) {
        return call.map(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<T> ok) {
                return new ZohoOutcome.Success<>(Optional.of(ok.value()));
            }
            return outcome instanceof ZohoOutcome.NotFound<T>
                    ? new ZohoOutcome.Success<>(Optional.<T>empty())
                    : ZohoOutcome.retype(outcome);
        });
    }

    private static CatalogEntry plan(JsonObject p) {
        return new CatalogEntry(
                p.getString("plan_code"),
                p.getString("name"),
                ZohoJson.decimal(p, "recurring_price"),
                p.getString("status"));
    }

    private static CatalogEntry addon(JsonObject a) {
        JsonArray brackets = a.getJsonArray("price_brackets", new JsonArray());
        BigDecimal price = brackets.isEmpty() ? null : ZohoJson.decimal(brackets.getJsonObject(0), "price");
        return new CatalogEntry(a.getString("addon_code"), a.getString("name"), price, a.getString("status"));
    }
}
