package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Filters;
import io.zohosync.sandbox.core.Ledger;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Books contacts: create, read, update, delete, list with Zoho's filters; contact persons live inside each contact. */
final class Contacts {
    static final String ENTITY = "contacts";
    private static final List<String> SORT_COLUMNS = List.of(
            "contact_name",
            "first_name",
            "last_name",
            "email",
            "outstanding_receivable_amount",
            "created_time",
            "last_modified_time");
    private static final String[] LIST_QUERY = {
        "contact_type",
        "contact_name",
        "contact_name_startswith",
        "contact_name_contains",
        "company_name",
        "company_name_startswith",
        "company_name_contains",
        "first_name",
        "first_name_startswith",
        "first_name_contains",
        "last_name",
        "last_name_startswith",
        "last_name_contains",
        "address",
        "address_startswith",
        "address_contains",
        "email",
        "email_startswith",
        "email_contains",
        "phone",
        "phone_startswith",
        "phone_contains",
        "filter_by",
        "search_text",
        "sort_column",
        "sort_order",
        "zcrm_contact_id",
        "zcrm_account_id",
        "zcrm_vendor_id",
        "page",
        "per_page"
    };

    private final Ledger ledger;
    /**
     * Each contact's name, folded as {@link String#equalsIgnoreCase} compares it, to its id, and back: Zoho refuses a
     * second contact of a name, and a scan of every contact on each create made the sandbox slower than the service
     * it stands beside (issue 14's drain benchmark).
     */
    private final Map<String, String> idByName = new HashMap<>();

    private final Map<String, String> nameById = new HashMap<>();

    Contacts(Ledger ledger) {
        this.ledger = ledger;
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/contacts"), this::create)
                .add(Operation.get(ROOT + "/contacts", LIST_QUERY), this::list)
                .add(Operation.get(ROOT + "/contacts/:contact_id"), this::get)
                .add(Operation.put(ROOT + "/contacts/:contact_id"), this::update)
                .add(Operation.delete(ROOT + "/contacts/:contact_id"), this::delete)
                .add(Operation.action(ROOT + "/contacts/:contact_id/active"), rc -> status(rc, "active"))
                .add(Operation.action(ROOT + "/contacts/:contact_id/inactive"), rc -> status(rc, "inactive"));
    }

    JsonObject find(String id) {
        return ledger.find(ENTITY, id);
    }

    List<JsonObject> all() {
        return ledger.all(ENTITY);
    }

    String newId() {
        return ledger.newId();
    }

    /** Saves a contact changed from outside (its persons) with a new modification time. */
    void touch(JsonObject contact) {
        contact.put("last_modified_time", ledger.now());
        save(contact);
    }

    /** Stores a changed contact and re-indexes it (name, emails exactly; notes by containment). */
    private void save(JsonObject contact) {
        List<String> keys =
                new ArrayList<>(List.of(contact.getString("contact_id"), contact.getString("contact_name", "")));
        Bodies.array(contact, "contact_persons").forEach(p -> keys.add(((JsonObject) p).getString("email")));
        String id = contact.getString("contact_id");
        ledger.save(ENTITY, id, contact, keys, List.of(contact.getString("notes", "")));
        forgetName(id);
        String name = folded(contact.getString("contact_name", ""));
        idByName.put(name, id);
        nameById.put(id, name);
    }

    private void forgetName(String id) {
        String name = nameById.remove(id);
        if (name != null) {
            idByName.remove(name, id);
        }
    }

    /**
     * {@code name} with each code point as {@link String#equalsIgnoreCase} compares it (since Java 16 by code point,
     * surrogate pairs whole): equal exactly when it would say so.
     */
    static String folded(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        String name = body.getString("contact_name");
        if (Bodies.blank(name)) {
            ZohoReplies.invalid(rc, "contact_name");
            return;
        }
        if (nameTaken(name, null)) {
            nameExists(rc);
            return;
        }
        String id = ledger.newId();
        String now = ledger.now();
        JsonObject contact = defaults()
                .put("currency_code", ledger.context().settings().baseCurrency())
                .mergeIn(body.copy())
                .put("contact_id", id)
                .put("contact_name", name)
                .put("status", "active")
                .put("created_time", now)
                .put("last_modified_time", now)
                .put("outstanding_receivable_amount", 0.0)
                .put("unused_credits_receivable_amount", 0.0);
        contact.remove("contact_persons");
        setPersons(contact, Bodies.array(body, "contact_persons"));
        save(contact);
        ZohoReplies.created(rc, "The contact has been created", "contact", contact);
    }

    private void get(RoutingContext rc) {
        JsonObject contact = find(rc.pathParam("contact_id"));
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact");
            return;
        }
        ZohoReplies.ok(rc, "success", "contact", contact);
    }

    private void update(RoutingContext rc) {
        JsonObject contact = find(rc.pathParam("contact_id"));
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact");
            return;
        }
        JsonObject body = Bodies.json(rc);
        // the OpenAPI document's update-a-contact-request requires contact_name on every update
        String name = body.getString("contact_name");
        if (Bodies.blank(name)) {
            ZohoReplies.invalid(rc, "contact_name");
            return;
        }
        if (nameTaken(name, contact.getString("contact_id"))) {
            nameExists(rc);
            return;
        }
        JsonObject changes = body.copy();
        changes.remove("contact_id");
        changes.remove("contact_persons");
        contact.mergeIn(changes).put("contact_name", name).put("last_modified_time", ledger.now());
        // "remove them by excluding them from the contact_persons list": a list sent replaces the persons (one without
        // an id is a new person); none sent leaves them as they are
        if (body.containsKey("contact_persons")) setPersons(contact, Bodies.array(body, "contact_persons"));
        save(contact);
        ZohoReplies.ok(rc, "Contact has been updated successfully", "contact", contact);
    }

    private void delete(RoutingContext rc) {
        String id = rc.pathParam("contact_id");
        if (find(id) == null) {
            ZohoReplies.notFound(rc, "Contact");
            return;
        }
        ledger.remove(ENTITY, id);
        forgetName(id);
        ZohoReplies.ok(rc, "The contact has been deleted.");
    }

    private void status(RoutingContext rc, String status) {
        JsonObject contact = find(rc.pathParam("contact_id"));
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact");
            return;
        }
        contact.put("status", status).put("last_modified_time", ledger.now());
        save(contact);
        ZohoReplies.ok(rc, "The contact has been marked as " + status + ".");
    }

    private void list(RoutingContext rc) {
        String search = rc.request().getParam("search_text");
        String filter = rc.request().getParam("filter_by");
        List<JsonObject> rows = new ArrayList<>();
        for (JsonObject contact : ledger.all(ENTITY)) {
            JsonObject row = row(contact);
            if (matches(rc, row, contact, search, filter)) rows.add(row);
        }
        ZohoReplies.list(
                rc,
                "contacts",
                Filters.sorted(rc, rows, SORT_COLUMNS, "contact_name"),
                Filters.pageContext(rc, SORT_COLUMNS, "contact_name")
                        .put("applied_filter", filter == null ? "Status.All" : filter));
    }

    private static boolean matches(
            RoutingContext rc, JsonObject row, JsonObject contact, String search, String filter) {
        return Filters.text(rc, "contact_name", row.getString("contact_name"))
                && Filters.text(rc, "company_name", row.getString("company_name"))
                && Filters.text(rc, "first_name", row.getString("first_name"))
                && Filters.text(rc, "last_name", row.getString("last_name"))
                && Filters.text(rc, "email", row.getString("email"))
                && Filters.text(rc, "phone", row.getString("phone"))
                && Filters.exact(rc, "contact_type", row.getString("contact_type"))
                && (search == null
                        || contains(contact.getString("contact_name"), search)
                        || contains(contact.getString("notes"), search))
                && (filter == null
                        || filter.equals("Status.All")
                        || filter.equalsIgnoreCase("Status." + row.getString("status")));
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** A list row: the contact's summary plus its primary person's name, email and phones. */
    private static JsonObject row(JsonObject contact) {
        JsonObject row = new JsonObject();
        for (String key : List.of(
                "contact_id",
                "contact_name",
                "company_name",
                "contact_type",
                "status",
                "payment_terms",
                "payment_terms_label",
                "currency_id",
                "currency_code",
                "outstanding_receivable_amount",
                "unused_credits_receivable_amount",
                "created_time",
                "last_modified_time")) {
            row.put(key, contact.getValue(key));
        }
        JsonObject primary = primaryPerson(contact);
        for (String key : List.of("first_name", "last_name", "email", "phone", "mobile")) {
            row.put(key, primary.getString(key, ""));
        }
        return row;
    }

    static JsonObject primaryPerson(JsonObject contact) {
        for (Object person : Bodies.array(contact, "contact_persons")) {
            if (((JsonObject) person).getBoolean("is_primary_contact", false)) return (JsonObject) person;
        }
        return new JsonObject();
    }

    /** Replaces the persons: known ids keep theirs, the rest get new ones; the first is primary unless one says so. */
    void setPersons(JsonObject contact, JsonArray given) {
        JsonArray persons = new JsonArray();
        boolean primaryGiven = given.stream().anyMatch(p -> ((JsonObject) p).getBoolean("is_primary_contact", false));
        for (int i = 0; i < given.size(); i++) {
            JsonObject person =
                    ContactPersons.defaults().mergeIn(given.getJsonObject(i).copy());
            person.remove("contact_id");
            if (Bodies.blank(person.getString("contact_person_id"))) person.put("contact_person_id", ledger.newId());
            person.put("is_primary_contact", primaryGiven ? person.getBoolean("is_primary_contact", false) : i == 0);
            persons.add(person);
        }
        contact.put("contact_persons", persons);
        JsonObject primary = primaryPerson(contact);
        contact.put("primary_contact_id", primary.getString("contact_person_id", ""));
    }

    private boolean nameTaken(String name, String exceptId) {
        String id = idByName.get(folded(name));
        return id != null && !id.equals(exceptId);
    }

    private static void nameExists(RoutingContext rc) {
        ZohoReplies.error(rc, 400, 3062, "The contact name already exists. Please specify a different name.");
    }

    private static JsonObject defaults() {
        return new JsonObject()
                .put("company_name", "")
                .put("contact_type", "customer")
                .put("customer_sub_type", "business")
                .put("website", "")
                .put("payment_terms", 0)
                .put("payment_terms_label", "Due on Receipt")
                .put("currency_id", "460000000000097")
                .put("currency_code", "USD")
                .put("notes", "")
                .put("billing_address", address())
                .put("shipping_address", address())
                .put("custom_fields", new JsonArray())
                .put("is_linked_with_zohocrm", false);
    }

    private static JsonObject address() {
        return new JsonObject()
                .put("attention", "")
                .put("address", "")
                .put("street2", "")
                .put("city", "")
                .put("state", "")
                .put("zip", "")
                .put("country", "")
                .put("fax", "")
                .put("phone", "");
    }
}
