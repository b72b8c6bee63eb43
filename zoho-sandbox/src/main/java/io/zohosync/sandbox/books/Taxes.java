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

/**
 * Books taxes under {@code /settings/taxes}: name and percentage, referenced by line items through {@code tax_id}; tax
 * groups under {@code /settings/taxgroups} (India's CGST + SGST) are listed among the taxes with {@code tax_type}
 * {@code tax_group}, their percentage the sum of their taxes', and priced as their taxes each.
 */
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
                .add(Operation.delete(ROOT + "/settings/taxes/:tax_id"), this::delete)
                .add(Operation.post(ROOT + "/settings/taxgroups"), this::createGroup)
                .add(Operation.get(ROOT + "/settings/taxgroups/:tax_group_id"), this::getGroup);
    }

    /** The taxes a line's tax stands for: the group's taxes, or the tax itself. */
    List<JsonObject> components(JsonObject tax) {
        if (!"tax_group".equals(tax.getString("tax_type"))) return List.of(tax);
        return tax.getJsonArray("taxes").stream().map(JsonObject.class::cast).toList();
    }

    private void createGroup(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        if (Bodies.blank(body.getString("tax_group_name"))) {
            ZohoReplies.invalid(rc, "tax_group_name");
            return;
        }
        JsonArray members = new JsonArray();
        double percentage = 0;
        for (String id : body.getString("taxes", "").split(",")) {
            JsonObject tax = find(id.trim());
            if (tax == null || "tax_group".equals(tax.getString("tax_type"))) {
                ZohoReplies.invalid(rc, "taxes");
                return;
            }
            members.add(new JsonObject()
                    .put("tax_id", tax.getString("tax_id"))
                    .put("tax_name", tax.getString("tax_name"))
                    .put("tax_percentage", tax.getDouble("tax_percentage"))
                    .put("tax_type", tax.getString("tax_type")));
            percentage += tax.getDouble("tax_percentage");
        }
        String id = ledger.newId();
        JsonObject group = new JsonObject()
                .put("tax_id", id)
                .put("tax_name", body.getString("tax_group_name"))
                .put("tax_percentage", percentage)
                .put("tax_type", "tax_group")
                .put("tax_specific_type", "")
                .put("taxes", members);
        save(group);
        ZohoReplies.created(rc, "success", "tax_group", asGroup(group));
    }

    private void getGroup(RoutingContext rc) {
        JsonObject group = find(rc.pathParam("tax_group_id"));
        if (group == null || !"tax_group".equals(group.getString("tax_type"))) {
            ZohoReplies.notFound(rc, "Tax group");
            return;
        }
        ZohoReplies.ok(rc, "success", "tax_group", asGroup(group));
    }

    private static JsonObject asGroup(JsonObject group) {
        return new JsonObject()
                .put("tax_group_id", group.getString("tax_id"))
                .put("tax_group_name", group.getString("tax_name"))
                .put("tax_group_percentage", group.getDouble("tax_percentage"))
                .put("taxes", group.getJsonArray("taxes").copy());
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
        // a group is listed as a tax of type tax_group; its taxes are shown by the group's own call
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .map(tax -> {
                    JsonObject row = tax.copy();
                    row.remove("taxes");
                    return row;
                })
                .toList();
        ZohoReplies.list(rc, "taxes", rows, new JsonObject());
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
