package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/**
 * Billing's products, the services plans and addons belong to: created with a name, read, listed, updated, marked
 * active or inactive. Plans and addons name one by {@code product_id} and are refused for an unknown one.
 *
 * <p>UNCONFIRMED: {@code $ZOHO_OPENAPI_DIR/billing} holds no products document; the paths, the fields ({@code name},
 * {@code description}, {@code email_ids}, {@code redirect_url}, {@code status}), the {@code ProductStatus.*} filters
 * and the messages follow Zoho Billing's API reference for products as plans.yml references it (its {@code product_id}
 * and {@code product_type}) and Billing's other entities, not a document the contract tests can check.
 */
final class Products {
    static final String ENTITY = "products";
    private static final List<String> EDITABLE = List.of("name", "description", "email_ids", "redirect_url");

    private final BillingLedger ledger;

    Products(BillingLedger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        String root = ROOT + "/" + ENTITY;
        String one = root + "/:product_id";
        routes.add(Operation.post(root), this::create)
                .add(Operation.get(root, "filter_by", "page", "per_page"), this::list)
                .add(Operation.get(one), this::get)
                .add(Operation.put(one), this::update)
                .add(Operation.action(one + "/markasactive"), rc -> status(rc, "active"))
                .add(Operation.action(one + "/markasinactive"), rc -> status(rc, "inactive"));
    }

    JsonObject find(String productId) {
        return productId == null ? null : ledger.find(ENTITY, productId);
    }

    private void create(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        String invalid = invalidField(body, true);
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return;
        }
        String id = ledger.newId();
        String now = ledger.now();
        JsonObject product = new JsonObject()
                .put("product_id", id)
                .put("name", body.getString("name"))
                .put("description", body.getString("description", ""))
                .put("email_ids", body.getString("email_ids", ""))
                .put("redirect_url", body.getString("redirect_url", ""))
                .put("status", "active")
                .put("created_time", now)
                .put("updated_time", now);
        save(product);
        ZohoReplies.created(rc, "The product has been created.", "product", product);
    }

    /** The first field of {@code body} that is not a string, or a missing or blank name where one is needed. */
    private static String invalidField(JsonObject body, boolean nameRequired) {
        for (String field : EDITABLE) {
            Object value = body.getValue(field);
            if (value != null && !(value instanceof String)) return field;
        }
        if (nameRequired || body.containsKey("name")) {
            if (BillingLedger.blank(body.getString("name"))) return "name";
        }
        return null;
    }

    private void get(RoutingContext rc) {
        JsonObject product = find(rc.pathParam("product_id"));
        if (product == null) {
            ZohoReplies.notFound(rc, "Product");
            return;
        }
        ZohoReplies.ok(rc, "success", "product", product);
    }

    private void update(RoutingContext rc) {
        JsonObject product = find(rc.pathParam("product_id"));
        if (product == null) {
            ZohoReplies.notFound(rc, "Product");
            return;
        }
        JsonObject body = BillingLedger.body(rc);
        String invalid = invalidField(body, false);
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return;
        }
        for (String field : EDITABLE) {
            if (body.containsKey(field)) product.put(field, body.getString(field));
        }
        product.put("updated_time", ledger.now());
        save(product);
        ZohoReplies.ok(rc, "The product details have been updated.", "product", product);
    }

    private void status(RoutingContext rc, String status) {
        JsonObject product = find(rc.pathParam("product_id"));
        if (product == null) {
            ZohoReplies.notFound(rc, "Product");
            return;
        }
        product.put("status", status).put("updated_time", ledger.now());
        save(product);
        ZohoReplies.ok(rc, "The product has been marked as " + status + ".");
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        if (filter != null && !filter.matches("(?i)ProductStatus\\.(All|Active|Inactive)")) {
            ZohoReplies.invalid(rc, "filter_by");
            return;
        }
        String wanted = filter == null ? "all" : filter.substring("ProductStatus.".length());
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(p -> wanted.equalsIgnoreCase("all") || wanted.equalsIgnoreCase(p.getString("status")))
                .map(JsonObject::copy)
                .toList();
        ZohoReplies.list(rc, ENTITY, rows, new JsonObject());
    }

    private void save(JsonObject product) {
        String id = product.getString("product_id");
        ledger.save(
                ENTITY, id, product, List.of(id, product.getString("name")), List.of(product.getString("description")));
    }
}
