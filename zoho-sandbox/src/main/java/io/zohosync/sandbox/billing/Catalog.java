package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Billing's catalog, plans or addons of a {@link Products product}: created with a unique code, found by code, listed, marked active or inactive. */
final class Catalog {
    /** What differs between plans and addons: names, the price field and the fields a create needs. */
    record Kind(
            String entity, String key, String codeField, String label, String createdMessage, List<String> required) {}

    static final Kind PLANS = new Kind(
            "plans",
            "plan",
            "plan_code",
            "plan",
            "The plan has been created.",
            List.of("plan_code", "name", "recurring_price", "interval", "product_id"));
    static final Kind ADDONS = new Kind(
            "addons",
            "addon",
            "addon_code",
            "addon",
            "The addon has been created",
            List.of("addon_code", "name", "product_id", "price_brackets"));

    private final BillingLedger ledger;
    private final Products products;
    private final Kind kind;

    Catalog(BillingLedger ledger, Products products, Kind kind) {
        this.ledger = ledger;
        this.products = products;
        this.kind = kind;
    }

    void mount(ApiRoutes routes) {
        String root = ROOT + "/" + kind.entity();
        String code = root + "/:" + kind.codeField();
        routes.add(Operation.post(root), this::create)
                .add(Operation.get(root, "filter_by", "product_id", "page", "per_page"), this::list)
                .add(Operation.get(code), this::get)
                .add(Operation.put(code), this::update)
                .add(Operation.action(code + "/markasactive"), rc -> status(rc, "active"))
                .add(Operation.action(code + "/markasinactive"), rc -> status(rc, "inactive"));
    }

    JsonObject find(String code) {
        return ledger.find(kind.entity(), code);
    }

    /** The unit price of a plan or addon. */
    static double price(JsonObject entry) {
        if (entry.containsKey("recurring_price")) return entry.getDouble("recurring_price");
        JsonArray brackets = entry.getJsonArray("price_brackets");
        return brackets.getJsonObject(0).getNumber("price").doubleValue();
    }

    private void create(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        for (String field : kind.required()) {
            Object value = body.getValue(field);
            if (value == null
                    || value instanceof String text && text.isBlank()
                    || value instanceof JsonArray array && array.isEmpty()) {
                ZohoReplies.invalid(rc, field);
                return;
            }
        }
        if (kind == PLANS && !(body.getValue("recurring_price") instanceof Number)
                || kind == ADDONS
                        && !(body.getJsonArray("price_brackets")
                                        .getJsonObject(0)
                                        .getValue("price")
                                instanceof Number)) {
            ZohoReplies.invalid(rc, kind == PLANS ? "recurring_price" : "price_brackets");
            return;
        }
        if (!(body.getValue("product_id") instanceof String productId) || products.find(productId) == null) {
            // UNCONFIRMED: the code Billing answers for a product that does not exist; the sandbox answers its
            // usual invalid-value error (400, code 14) and stores nothing.
            ZohoReplies.invalid(rc, "product_id");
            return;
        }
        String code = body.getString(kind.codeField());
        if (find(code) != null) {
            ZohoReplies.error(
                    rc, 400, 100501, "The " + kind.label() + " code already exists. Please enter a different code.");
            return;
        }
        String now = ledger.now();
        JsonObject entry = defaults()
                .mergeIn(body.copy())
                .put("status", "active")
                .put("created_time", now)
                .put("updated_time", now);
        if (kind == PLANS)
            entry.put("recurring_price", body.getNumber("recurring_price").doubleValue());
        save(code, entry);
        ZohoReplies.created(rc, kind.createdMessage(), kind.key(), entry);
    }

    /** Update a plan or addon (Zoho's {@code PUT /plans/{plan_code}}, {@code /addons/{addon_code}}): the code stays, a product must exist. */
    private void update(RoutingContext rc) {
        String code = rc.pathParam(kind.codeField());
        JsonObject entry = find(code);
        if (entry == null) {
            ZohoReplies.notFound(rc, capitalised());
            return;
        }
        JsonObject body = BillingLedger.body(rc);
        if (kind == PLANS
                        && body.containsKey("recurring_price")
                        && !(body.getValue("recurring_price") instanceof Number)
                || body.getValue("name") instanceof String name && name.isBlank()) {
            ZohoReplies.invalid(rc, kind == PLANS && body.containsKey("recurring_price") ? "recurring_price" : "name");
            return;
        }
        if (body.containsKey("product_id")
                && !(body.getValue("product_id") instanceof String productId && products.find(productId) != null)) {
            ZohoReplies.invalid(rc, "product_id");
            return;
        }
        JsonObject changes = body.copy();
        changes.remove(kind.codeField());
        changes.remove("status");
        entry.mergeIn(changes).put("updated_time", ledger.now());
        if (kind == PLANS)
            entry.put("recurring_price", entry.getNumber("recurring_price").doubleValue());
        save(code, entry);
        ZohoReplies.ok(rc, "The " + kind.label() + " details have been updated.", kind.key(), entry);
    }

    private JsonObject defaults() {
        JsonObject defaults = new JsonObject().put("description", "").put("tax_id", "");
        if (kind == PLANS)
            return defaults.put("interval_unit", "months")
                    .put("billing_cycles", -1)
                    .put("trial_period", 0)
                    .put("setup_fee", 0.0);
        return defaults.put("unit_name", "unit")
                .put("pricing_scheme", "unit")
                .put("type", "recurring")
                .put("interval_unit", "monthly");
    }

    private void save(String code, JsonObject entry) {
        ledger.save(
                kind.entity(),
                code,
                entry,
                List.of(code, entry.getString("name")),
                List.of(entry.getString("description", "")));
    }

    private void get(RoutingContext rc) {
        JsonObject entry = find(rc.pathParam(kind.codeField()));
        if (entry == null) {
            ZohoReplies.notFound(rc, capitalised());
            return;
        }
        ZohoReplies.ok(rc, "success", kind.key(), entry);
    }

    private void status(RoutingContext rc, String status) {
        String code = rc.pathParam(kind.codeField());
        JsonObject entry = find(code);
        if (entry == null) {
            ZohoReplies.notFound(rc, capitalised());
            return;
        }
        entry.put("status", status).put("updated_time", ledger.now());
        save(code, entry);
        ZohoReplies.ok(rc, "The " + kind.label() + " has been marked as " + status + ".");
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        String product = rc.request().getParam("product_id");
        String prefix = kind == PLANS ? "PlanStatus." : "AddonStatus.";
        List<JsonObject> rows = ledger.all(kind.entity()).stream()
                .filter(e -> (filter == null
                                || filter.equals(prefix + "ALL")
                                || filter.equalsIgnoreCase(prefix + e.getString("status")))
                        && (product == null || product.equals(e.getString("product_id"))))
                .map(e -> {
                    JsonObject row = e.copy();
                    row.remove("plans");
                    row.remove("custom_fields");
                    return row;
                })
                .toList();
        ZohoReplies.list(rc, kind.entity(), rows, new JsonObject());
    }

    private String capitalised() {
        return Character.toUpperCase(kind.label().charAt(0)) + kind.label().substring(1);
    }
}
