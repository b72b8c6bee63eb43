package io.zohosync.sandbox.billing;

import static io.zohosync.sandbox.billing.BillingApi.ROOT;
import static io.zohosync.sandbox.billing.BillingLedger.blank;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Billing customers: display name and email required; found by id, by list filters or by their CRM reference. */
final class Customers {
    static final String ENTITY = "customers";
    /** Fields of a customer in Zoho's answers, and of a list row. */
    static final List<String> DETAIL = List.of(
            "customer_id",
            "display_name",
            "salutation",
            "first_name",
            "last_name",
            "email",
            "company_name",
            "phone",
            "mobile",
            "website",
            "department",
            "designation",
            "status",
            "currency_code",
            "payment_terms_label",
            "outstanding",
            "unused_credits",
            "billing_address",
            "shipping_address",
            "notes",
            "is_portal_enabled",
            "gst_no",
            "gst_treatment",
            "place_of_contact",
            "custom_fields",
            "zcrm_account_id",
            "zcrm_contact_id",
            "created_time",
            "updated_time");

    static final List<String> ROW = List.of(
            "customer_id",
            "display_name",
            "salutation",
            "first_name",
            "last_name",
            "email",
            "company_name",
            "phone",
            "mobile",
            "website",
            "currency_code",
            "outstanding",
            "unused_credits",
            "created_time",
            "updated_time");
    private static final List<String> SORT_COLUMNS = List.of("display_name", "email", "created_time", "updated_time");

    private final BillingLedger ledger;

    Customers(BillingLedger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/customers"), this::create)
                .add(
                        Operation.get(
                                ROOT + "/customers",
                                "display_name",
                                "display_name_startswith",
                                "display_name_contains",
                                "email",
                                "email_startswith",
                                "email_contains",
                                "filter_by",
                                "sort_column",
                                "sort_order",
                                "page",
                                "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/customers/reference/:reference_id", "reference_id_type"), this::byReference)
                .add(Operation.get(ROOT + "/customers/:customer_id"), this::get)
                .add(Operation.put(ROOT + "/customers/:customer_id"), this::update);
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    /** The first required field a new customer lacks, or null when it can be created. */
    static String missing(JsonObject body) {
        if (body == null || blank(body.getString("display_name"))) return "display_name";
        return blank(body.getString("email")) ? "email" : null;
    }

    /** Stores a new customer from a body that {@link #missing} accepted. */
    JsonObject create(JsonObject body) {
        String now = ledger.now();
        JsonObject customer = new JsonObject()
                .put("first_name", "")
                .put("last_name", "")
                .put("company_name", "")
                .put("phone", "")
                .put("mobile", "")
                .put("currency_code", "USD")
                .put("payment_terms", 0)
                .put("payment_terms_label", "Due on Receipt")
                .put("notes", "")
                .put("unused_credits", 0.0)
                .put("outstanding", 0.0)
                .mergeIn(body.copy())
                .put("customer_id", ledger.newId())
                .put("status", "active")
                .put("created_time", now)
                .put("updated_time", now);
        save(customer);
        return customer;
    }

    private void create(RoutingContext rc) {
        JsonObject body = BillingLedger.body(rc);
        String missing = missing(body);
        if (missing != null) {
            ZohoReplies.invalid(rc, missing);
            return;
        }
        ZohoReplies.created(rc, "The customer has been created", "customer", BillingLedger.only(create(body), DETAIL));
    }

    private void save(JsonObject customer) {
        ledger.save(
                ENTITY,
                customer.getString("customer_id"),
                customer,
                List.of(
                        customer.getString("customer_id"),
                        customer.getString("email", ""),
                        customer.getString("display_name", "")),
                List.of(customer.getString("notes", "")));
    }

    private void get(RoutingContext rc) {
        JsonObject customer = find(rc.pathParam("customer_id"));
        if (customer == null) {
            ZohoReplies.notFound(rc, "Customer");
            return;
        }
        ZohoReplies.ok(rc, "success", "customer", BillingLedger.only(customer, DETAIL));
    }

    private void update(RoutingContext rc) {
        JsonObject customer = find(rc.pathParam("customer_id"));
        if (customer == null) {
            ZohoReplies.notFound(rc, "Customer");
            return;
        }
        JsonObject body = BillingLedger.body(rc);
        for (String required : List.of("display_name", "email")) {
            if (body.containsKey(required) && blank(body.getString(required))) {
                ZohoReplies.invalid(rc, required);
                return;
            }
        }
        JsonObject changes = body.copy();
        changes.remove("customer_id");
        customer.mergeIn(changes).put("updated_time", ledger.now());
        save(customer);
        ZohoReplies.ok(rc, "The customer details have been updated.", "customer", BillingLedger.only(customer, DETAIL));
    }

    /** {@code reference_id_type} {@code zcrm_account_id} (default) or {@code zcrm_contact_id}: the CRM record the customer is linked to. */
    private void byReference(RoutingContext rc) {
        String type = rc.request().getParam("reference_id_type");
        String field = "zcrm_contact_id".equals(type) ? "zcrm_contact_id" : "zcrm_account_id";
        String reference = rc.pathParam("reference_id");
        ledger.all(ENTITY).stream()
                .filter(c -> reference.equals(c.getString(field)))
                .findFirst()
                .ifPresentOrElse(
                        c -> ZohoReplies.ok(rc, "success", "customer", BillingLedger.only(c, DETAIL)),
                        () -> ZohoReplies.notFound(rc, "Customer"));
    }

    private void list(RoutingContext rc) {
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = ledger.all(ENTITY).stream()
                .filter(c -> Filters.text(rc, "display_name", c.getString("display_name"))
                        && Filters.text(rc, "email", c.getString("email"))
                        && (filter == null
                                || filter.equals("Status.All")
                                || filter.equalsIgnoreCase("Status." + c.getString("status"))))
                .map(c -> BillingLedger.only(c, ROW))
                .toList();
        ZohoReplies.list(
                rc,
                "customers",
                Filters.sorted(rc, rows, SORT_COLUMNS, "display_name"),
                Filters.pageContext(rc, SORT_COLUMNS, "display_name"));
    }
}
