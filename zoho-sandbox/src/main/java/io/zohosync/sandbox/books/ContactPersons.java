package io.zohosync.sandbox.books;

import static io.zohosync.sandbox.books.BooksApi.ROOT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zohosync.sandbox.core.ApiRoutes;
import io.zohosync.sandbox.core.Operation;
import io.zohosync.sandbox.core.ZohoReplies;
import java.util.List;

/** Books contact persons: the people (with the emails) inside a contact, created, edited and listed on their own. */
final class ContactPersons {
    private final Contacts contacts;

    ContactPersons(Contacts contacts) {
        this.contacts = contacts;
    }

    static JsonObject defaults() {
        return new JsonObject()
                .put("salutation", "")
                .put("first_name", "")
                .put("last_name", "")
                .put("email", "")
                .put("phone", "")
                .put("mobile", "")
                .put("designation", "")
                .put("department", "")
                .put("skype", "")
                .put("is_primary_contact", false);
    }

    void mount(ApiRoutes routes) {
        routes.add(Operation.post(ROOT + "/contacts/contactpersons"), this::create)
                .add(Operation.put(ROOT + "/contacts/contactpersons/:contact_person_id"), this::update)
                .add(Operation.delete(ROOT + "/contacts/contactpersons/:contact_person_id"), this::delete)
                .add(Operation.action(ROOT + "/contacts/contactpersons/:contact_person_id/primary"), this::primary)
                .add(
                        Operation.get(ROOT + "/contacts/:contact_id/contactpersons", "sort_column", "page", "per_page"),
                        this::list)
                .add(Operation.get(ROOT + "/contacts/:contact_id/contactpersons/:contact_person_id"), this::get);
    }

    private void create(RoutingContext rc) {
        JsonObject body = Bodies.json(rc);
        JsonObject contact = contacts.find(body.getString("contact_id"));
        if (contact == null) {
            ZohoReplies.invalid(rc, "contact_id");
            return;
        }
        if (Bodies.blank(body.getString("first_name"))) {
            ZohoReplies.invalid(rc, "first_name");
            return;
        }
        JsonObject person = personFields(body).put("contact_person_id", contacts.newId());
        JsonArray persons = Bodies.array(contact, "contact_persons").copy().add(person);
        contacts.setPersons(contact, persons);
        contacts.touch(contact);
        ZohoReplies.created(
                rc,
                "The contactperson has been Created",
                "contact_person",
                new JsonArray().add(withContact(contact, find(contact, person.getString("contact_person_id")))));
    }

    private void update(RoutingContext rc) {
        String personId = rc.pathParam("contact_person_id");
        JsonObject contact = owner(personId);
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact person");
            return;
        }
        JsonObject body = Bodies.json(rc);
        if (body.containsKey("first_name") && Bodies.blank(body.getString("first_name"))) {
            ZohoReplies.invalid(rc, "first_name");
            return;
        }
        find(contact, personId).mergeIn(personFields(body));
        contacts.setPersons(contact, Bodies.array(contact, "contact_persons"));
        contacts.touch(contact);
        ZohoReplies.ok(
                rc,
                "The contactperson details has been updated.",
                "contact_person",
                new JsonArray().add(withContact(contact, find(contact, personId))));
    }

    private void delete(RoutingContext rc) {
        String personId = rc.pathParam("contact_person_id");
        JsonObject contact = owner(personId);
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact person");
            return;
        }
        JsonArray remaining = new JsonArray();
        Bodies.array(contact, "contact_persons").forEach(p -> {
            if (!personId.equals(((JsonObject) p).getString("contact_person_id"))) remaining.add(p);
        });
        contacts.setPersons(contact, remaining);
        contacts.touch(contact);
        ZohoReplies.ok(rc, "The contact person has been deleted.");
    }

    private void primary(RoutingContext rc) {
        String personId = rc.pathParam("contact_person_id");
        JsonObject contact = owner(personId);
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact person");
            return;
        }
        Bodies.array(contact, "contact_persons")
                .forEach(p -> ((JsonObject) p)
                        .put("is_primary_contact", personId.equals(((JsonObject) p).getString("contact_person_id"))));
        contacts.setPersons(contact, Bodies.array(contact, "contact_persons"));
        contacts.touch(contact);
        ZohoReplies.ok(rc, "This contact person has been marked as your primary contact person.");
    }

    private void list(RoutingContext rc) {
        JsonObject contact = contacts.find(rc.pathParam("contact_id"));
        if (contact == null) {
            ZohoReplies.notFound(rc, "Contact");
            return;
        }
        List<JsonObject> rows = Bodies.array(contact, "contact_persons").stream()
                .map(p -> ((JsonObject) p).copy())
                .toList();
        ZohoReplies.list(rc, "contact_persons", rows, new JsonObject());
    }

    private void get(RoutingContext rc) {
        JsonObject contact = contacts.find(rc.pathParam("contact_id"));
        JsonObject person = contact == null ? null : find(contact, rc.pathParam("contact_person_id"));
        if (person == null) {
            ZohoReplies.notFound(rc, "Contact person");
            return;
        }
        ZohoReplies.ok(rc, "success", "contact_person", withContact(contact, person));
    }

    private JsonObject owner(String personId) {
        return contacts.all().stream()
                .filter(c -> find(c, personId) != null)
                .findFirst()
                .orElse(null);
    }

    private static JsonObject find(JsonObject contact, String personId) {
        for (Object person : Bodies.array(contact, "contact_persons")) {
            if (personId.equals(((JsonObject) person).getString("contact_person_id"))) return (JsonObject) person;
        }
        return null;
    }

    private static JsonObject withContact(JsonObject contact, JsonObject person) {
        return person.copy().put("contact_id", contact.getString("contact_id"));
    }

    private static JsonObject personFields(JsonObject body) {
        JsonObject fields = body.copy();
        fields.remove("contact_id");
        fields.remove("contact_person_id");
        return fields;
    }
}
