package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Books taxes under {@code /settings/taxes}: name and percentage, referenced by line items through {@code tax_id}. */
final class Taxes {
    static final String ENTITY = "taxes";
    private final Ledger ledger;

    Taxes(Ledger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/settings/taxes"), this::create)
                .add(Operation.get(ROOT + "/settings/taxes", "page", "per_page"), this::list)
                .add(Operation.get(ROOT + "/settings/taxes/:tax_id"), this::get)
                .add(Operation.put(ROOT + "/settings/taxes/:tax_id"), this::update)
                .add(Operation.delete(ROOT + "/settings/taxes/:tax_id"), this::delete);
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        String invalid = invalidField(body, true);
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return;
        }
        String id = ledger.newId();
        JsonObject tax = new JsonObject()
                .put("tax_type", "tax")
                .put("tax_specific_type", "")
                .put("is_value_added", false)
                .mergeIn(body.copy())
                .put("tax_id", id)
                .put("tax_percentage", body.getNumber("tax_percentage").doubleValue());
        save(tax);
        ZohoReplies.created(rc, "The tax has been added.", "tax", new JsonArray().add(tax));
    }

    private void list(RoutingContext rc) {
        ZohoReplies.list(rc, "taxes", ledger.all(ENTITY), new JsonObject());
    }

    private void get(RoutingContext rc) {
        JsonObject tax = find(rc.pathParam("tax_id"));
        if (tax == null) {
            ZohoReplies.notFound(rc, "Tax");
            return;
        }
        ZohoReplies.ok(rc, "success", "tax", new JsonArray().add(tax));
    }

    private void update(RoutingContext rc) {
        JsonObject tax = find(rc.pathParam("tax_id"));
        if (tax == null) {
            ZohoReplies.notFound(rc, "Tax");
            return;
        }
        JsonObject body = Bodies.json(rc);
        String invalid = invalidField(body, false);
        if (invalid != null) {
            ZohoReplies.invalid(rc, invalid);
            return;
        }
        JsonObject changes = body.copy();
        changes.remove("tax_id");
        tax.mergeIn(changes);
        if (body.containsKey("tax_percentage"))
            tax.put("tax_percentage", body.getNumber("tax_percentage").doubleValue());
        save(tax);
        ZohoReplies.ok(rc, "Tax information has been saved.", "tax", new JsonArray().add(tax));
    }

    private void delete(RoutingContext rc) {
        String id = rc.pathParam("tax_id");
        if (find(id) == null) {
            ZohoReplies.notFound(rc, "Tax");
            return;
        }
        ledger.remove(ENTITY, id);
        ZohoReplies.ok(rc, "The record has been deleted.");
    }

    private void save(JsonObject tax) {
        ledger.save(
                ENTITY,
                tax.getString("tax_id"),
                tax,
                List.of(tax.getString("tax_id"), tax.getString("tax_name")),
                List.of());
    }

    private static String invalidField(JsonObject body, boolean creating) {
        if ((creating || body.containsKey("tax_name")) && Bodies.blank(body.getString("tax_name"))) return "tax_name";
        if ((creating || body.containsKey("tax_percentage")) && !(body.getValue("tax_percentage") instanceof Number))
            return "tax_percentage";
        return null;
    }
}
