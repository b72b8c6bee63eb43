package io.zohosync.adapters.zoho;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;
import java.util.Optional;

/** Zoho Books adapter for {@link ZohoContacts}: {@code /books/v3/contacts}. */
final class BooksContactsClient implements ZohoContacts {

    private final ZohoApi api;

    BooksContactsClient(ZohoApi api) {
        this.api = api;
    }

    /**
     * Books wants contact names unique. When the name is taken by a contact that is not ours (no
     * marker), a namesake is a different person: the contact is created as "Name (email)" instead.
     */
    @Override
    public Future<ZohoOutcome<ZohoContact>> create(Customer customer) {
        return create(customer, customer.displayName()).compose(outcome -> outcome instanceof ZohoOutcome.Duplicate<ZohoContact> d
                && d.existing().isEmpty()
                ? create(customer, customer.displayName() + " (" + customer.email() + ")")
                : Future.succeededFuture(outcome));
    }

    private Future<ZohoOutcome<ZohoContact>> create(Customer customer, String contactName) {
        ZohoRequest request = ZohoRequest.post(ZohoProduct.BOOKS, "/contacts", body(customer).put("contact_name", contactName));
        return api.call(request, r -> contact(r.getJsonObject("contact")))
                .compose(outcome -> outcome instanceof ZohoOutcome.Duplicate<ZohoContact> d ? withExisting(customer, d) : Future.succeededFuture(outcome));
    }

    @Override
    public Future<ZohoOutcome<ZohoContact>> update(String contactId, Customer customer) {
        JsonObject body = body(customer);
        body.remove("contact_persons");
        return primaryPersonId(contactId).compose(personId -> {
            JsonObject person = person(customer).put("contact_person_id", personId);
            return api.call(ZohoRequest.put(ZohoProduct.BOOKS, "/contacts/" + contactId,
                    body.put("contact_persons", new JsonArray().add(withoutNulls(person)))), r -> contact(r.getJsonObject("contact")));
        });
    }

    /** The primary person's id, so an update edits that person instead of adding one; null when unknown. */
    private Future<String> primaryPersonId(String contactId) {
        return api.call(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts/" + contactId),
                        r -> r.getJsonObject("contact", new JsonObject()).getString("primary_contact_id"))
                .map(outcome -> outcome instanceof ZohoOutcome.Success<String> s && s.value() != null && !s.value().isBlank() ? s.value() : null);
    }

    @Override
    public Future<ZohoOutcome<ZohoContact>> get(String contactId) {
        return api.call(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts/" + contactId), r -> contact(r.getJsonObject("contact")));
    }

    /** Zoho's {@code email} filter is not documented as exact: only contacts whose primary email equals it are kept. */
    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByEmail(String email) {
        String wanted = email.trim();
        return api.call(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts").param("email", wanted),
                r -> contacts(r).stream().filter(c -> c.email() != null && c.email().trim().equalsIgnoreCase(wanted)).toList());
    }

    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByName(String contactName) {
        return list(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts").param("contact_name", contactName.trim()));
    }

    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByMarker(String platformId) {
        String marker = ZohoContacts.marker(platformId);
        return api.call(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts").param("search_text", marker),
                r -> contacts(r).stream().filter(c -> c.notes() == null || carriesMarker(c.notes(), marker)).toList());
    }

    /** Zoho refused a duplicate: the contact that already carries this customer's marker is the existing one. */
    private Future<ZohoOutcome<ZohoContact>> withExisting(Customer customer, ZohoOutcome.Duplicate<ZohoContact> duplicate) {
        return findByMarker(customer.platformId()).map(found -> found instanceof ZohoOutcome.Success<List<ZohoContact>> s && s.value().size() == 1
                ? new ZohoOutcome.Duplicate<>(Optional.of(s.value().get(0)), duplicate.message())
                : duplicate);
    }

    private Future<ZohoOutcome<List<ZohoContact>>> list(ZohoRequest request) {
        return api.call(request, BooksContactsClient::contacts);
    }

    static boolean carriesMarker(String notes, String marker) {
        int at = notes.indexOf(marker);
        while (at >= 0) {
            int end = at + marker.length();
            if (end == notes.length() || !isMarkerChar(notes.charAt(end))) {
                return true;
            }
            at = notes.indexOf(marker, at + 1);
        }
        return false;
    }

    private static boolean isMarkerChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
    }

    private static JsonObject person(Customer c) {
        return new JsonObject()
                .put("first_name", c.firstName())
                .put("last_name", c.lastName())
                .put("email", c.email())
                .put("phone", c.phone())
                .put("is_primary_contact", true);
    }

    static JsonObject body(Customer c) {
        JsonObject person = person(c);
        JsonObject body = new JsonObject()
                .put("contact_name", c.displayName())
                .put("contact_type", "customer")
                .put("customer_sub_type", blank(c.companyName()) ? "individual" : "business")
                .put("notes", ZohoContacts.marker(c.platformId()))
                .put("contact_persons", new JsonArray().add(withoutNulls(person)));
        if (!blank(c.companyName())) {
            body.put("company_name", c.companyName().trim());
        }
        if (!c.billingAddress().isEmpty()) {
            body.put("billing_address", address(c.billingAddress()));
        }
        return body;
    }

    private static JsonObject address(Address a) {
        return withoutNulls(new JsonObject()
                .put("address", a.street())
                .put("street2", a.street2())
                .put("city", a.city())
                .put("state", a.state())
                .put("zip", a.zip())
                .put("country", a.country()));
    }

    private static List<ZohoContact> contacts(JsonObject response) {
        JsonArray rows = response.getJsonArray("contacts", new JsonArray());
        return rows.stream().map(JsonObject.class::cast).map(BooksContactsClient::contact).toList();
    }

    static ZohoContact contact(JsonObject c) {
        return new ZohoContact(c.getString("contact_id"), c.getString("contact_name"), primaryEmail(c), c.getString("notes"));
    }

    private static String primaryEmail(JsonObject c) {
        JsonArray persons = c.getJsonArray("contact_persons");
        if (persons != null) {
            for (Object p : persons) {
                JsonObject person = (JsonObject) p;
                if (person.getBoolean("is_primary_contact", false)) {
                    return person.getString("email");
                }
            }
        }
        String email = c.getString("email");
        return email == null || email.isEmpty() ? null : email;
    }

    static JsonObject withoutNulls(JsonObject o) {
        o.fieldNames().removeIf(k -> o.getValue(k) == null);
        return o;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
