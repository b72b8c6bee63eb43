package io.zohosync.adapters.zoho.books;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.ports.out.zoho.ContactsPage;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Zoho Books adapter for {@link ZohoContacts}: {@code /books/v3/contacts}. */
public final class BooksContactsClient implements ZohoContacts {

    private static final int PAGE_SIZE = 200;
    private static final int MAX_FILTER = 100;
    private static final int MAX_MARKER_PAGES = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[XXX][XX]");

    private final ZohoApi api;

    public BooksContactsClient(ZohoApi api) {
        this.api = api;
    }

    /**
     * Creates the contact under exactly {@code contactName}. Books wants contact names unique: a taken name answers
     * {@link ZohoOutcome.Duplicate} with no existing record, and the caller decides (by marker) whose it is.
     */
    @Override
    public Future<ZohoOutcome<ZohoContact>> create(Customer customer, String contactName) {
        JsonObject body = body(customer).put("contact_name", contactName);
        return api.call(
                ZohoRequest.post(ZohoProduct.BOOKS, "/contacts", body), r -> contact(r.getJsonObject("contact")));
    }

    /**
     * Pushes the customer's person data (names, email, phone), company and address after reading the contact for its
     * name and primary person: for a contact the contact index does not know them of (one linked before it existed).
     */
    @Override
    public Future<ZohoOutcome<ZohoContact>> update(String contactId, Customer customer) {
        return api.call(
                        ZohoRequest.get(ZohoProduct.BOOKS, "/contacts/" + contactId),
                        r -> r.getJsonObject("contact", new JsonObject()))
                .compose(current -> {
                    if (!(current instanceof ZohoOutcome.Success<JsonObject> found)) {
                        return Future.succeededFuture(ZohoOutcome.retype(current));
                    }
                    String personId = found.value().getString("primary_contact_id");
                    if (personId == null || personId.isBlank()) {
                        return Future.succeededFuture(new ZohoOutcome.Validation<>(
                                "no_primary_person",
                                "contact " + contactId + " has no primary contact person to update"));
                    }
                    return update(contactId, found.value().getString("contact_name"), personId, customer);
                });
    }

    /**
     * One PUT: the customer's person data (names, email, phone) on its primary person, named by id (Books adds a person
     * sent without one), its company and address. The contact's name (which Books requires on every update) is sent
     * back as it is — it may be one the caller chose for a namesake — and its notes are left out: they may be Zoho-side
     * edits, or our marker. Fields not sent (website, terms, custom fields, shipping address...) Books keeps.
     */
    @Override
    public Future<ZohoOutcome<ZohoContact>> update(
            String contactId, String contactName, String personId, Customer customer) {
        JsonObject body = body(customer).put("contact_name", contactName);
        body.remove("notes");
        body.put(
                "contact_persons",
                new JsonArray().add(ZohoJson.withoutNulls(person(customer).put("contact_person_id", personId))));
        return api.call(
                ZohoRequest.put(ZohoProduct.BOOKS, "/contacts/" + contactId, body),
                r -> contact(r.getJsonObject("contact")));
    }

    /**
     * A page of 200 list rows. Newest first is {@code sort_column=last_modified_time} (documented) with
     * {@code sort_order=D} (documented only as a {@code page_context} field): the answer's {@code page_context} says
     * whether Books applied it, and the caller relies on the order only when it says so.
     */
    @Override
    public Future<ZohoOutcome<ContactsPage>> page(int page, boolean newestFirst) {
        ZohoRequest request = ZohoRequest.get(ZohoProduct.BOOKS, "/contacts")
                .param("page", String.valueOf(page))
                .param("per_page", String.valueOf(PAGE_SIZE));
        if (newestFirst) {
            request = request.param("sort_column", "last_modified_time").param("sort_order", "D");
        }
        return api.call(request, r -> {
            JsonObject context = r.getJsonObject("page_context", new JsonObject());
            return new ContactsPage(
                    contacts(r),
                    context.getBoolean("has_more_page", false),
                    "last_modified_time".equals(context.getString("sort_column"))
                            && "D".equals(context.getString("sort_order")));
        });
    }

    @Override
    public Future<ZohoOutcome<ZohoContact>> get(String contactId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/contacts/" + contactId), r -> contact(r.getJsonObject("contact")));
    }

    /** Zoho's {@code email} filter is not documented as exact: only contacts whose primary email equals it are kept. */
    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByEmail(String email) {
        String wanted = email.trim();
        return api.call(
                ZohoRequest.get(ZohoProduct.BOOKS, "/contacts").param("email", wanted),
                r -> contacts(r).stream()
                        .filter(c -> c.email() != null && c.email().trim().equalsIgnoreCase(wanted))
                        .toList());
    }

    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByName(String contactName) {
        // Books takes at most 100 characters in a filter; the matcher compares the whole name afterwards
        return list(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts")
                .param("contact_name", truncate(contactName.trim(), MAX_FILTER)));
    }

    /**
     * {@code search_text} matches names and notes loosely (the marker of cust-1 is inside cust-10's), and
     * list rows carry no notes: every page of hits is collected, then each hit is read — one after
     * another, so the search never needs more than one concurrency slot — and only contacts whose notes
     * carry exactly this marker count.
     */
    @Override
    public Future<ZohoOutcome<List<ZohoContact>>> findByMarker(String platformId) {
        return markerHits(ZohoContacts.marker(platformId), 1, new ArrayList<>());
    }

    private Future<ZohoOutcome<List<ZohoContact>>> markerHits(String marker, int page, List<ZohoContact> hits) {
        ZohoRequest request = ZohoRequest.get(ZohoProduct.BOOKS, "/contacts")
                .param("search_text", marker)
                .param("page", String.valueOf(page))
                .param("per_page", String.valueOf(PAGE_SIZE));
        return api.call(
                        request,
                        r -> new Page(
                                contacts(r),
                                r.getJsonObject("page_context", new JsonObject())
                                        .getBoolean("has_more_page", false)))
                .compose(outcome -> {
                    if (!(outcome instanceof ZohoOutcome.Success<Page> found)) {
                        return Future.succeededFuture(ZohoOutcome.retype(outcome));
                    }
                    hits.addAll(found.value().contacts());
                    if (!found.value().more()) {
                        return carrying(marker, hits, 0, new ArrayList<>());
                    }
                    return page < MAX_MARKER_PAGES
                            ? markerHits(marker, page + 1, hits)
                            : Future.succeededFuture(new ZohoOutcome.Validation<>(
                                    "marker_search_too_broad",
                                    "more than " + MAX_MARKER_PAGES * PAGE_SIZE + " contacts match " + marker
                                            + "; link the contact by hand"));
                });
    }

    /**
     * Reads each hit to keep those whose notes carry exactly the marker (a list answer holds no notes). A read that
     * meets an outage is asked once more at once: the search may read many contacts (every id the marker prefixes),
     * and one blip among them would otherwise start the whole recovery over, and with it every read before it.
     */
    private Future<ZohoOutcome<List<ZohoContact>>> carrying(
            String marker, List<ZohoContact> hits, int next, List<ZohoContact> ours) {
        if (next == hits.size()) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(List.copyOf(ours)));
        }
        String contactId = hits.get(next).contactId();
        return get(contactId)
                .compose(read ->
                        read instanceof ZohoOutcome.Outage<ZohoContact> ? get(contactId) : Future.succeededFuture(read))
                .compose(read -> {
                    if (!(read instanceof ZohoOutcome.Success<ZohoContact> contact)) {
                        return Future.succeededFuture(ZohoOutcome.retype(read));
                    }
                    if (contact.value().notes() != null
                            && carriesMarker(contact.value().notes(), marker)) {
                        ours.add(contact.value());
                    }
                    return carrying(marker, hits, next + 1, ours);
                });
    }

    private record Page(List<ZohoContact> contacts, boolean more) {}

    private Future<ZohoOutcome<List<ZohoContact>>> list(ZohoRequest request) {
        return api.call(request, BooksContactsClient::contacts);
    }

    /**
     * Whether the notes carry exactly this marker on a line of its own: the service writes it so, and any other
     * text on the line — a longer id ({@code zoho-sync:acme eu} holds {@code zoho-sync:acme}), a word before it —
     * makes it someone else's. Ids hold no line breaks (the domain refuses control characters).
     */
    static boolean carriesMarker(String notes, String marker) {
        return notes.lines().map(String::strip).anyMatch(marker::equals);
    }

    private static JsonObject person(Customer c) {
        return new JsonObject()
                .put("first_name", c.firstName())
                .put("last_name", c.lastName())
                .put("email", c.email())
                .put("phone", c.phone())
                .put("is_primary_contact", true);
    }

    /** The contact's fields but its name, which create and update each decide. */
    static JsonObject body(Customer c) {
        JsonObject person = person(c);
        JsonObject body = new JsonObject()
                .put("contact_type", "customer")
                .put("customer_sub_type", blank(c.companyName()) ? "individual" : "business")
                .put("notes", ZohoContacts.marker(c.platformId()))
                .put("contact_persons", new JsonArray().add(ZohoJson.withoutNulls(person)));
        if (!blank(c.companyName())) {
            body.put("company_name", c.companyName().trim());
        }
        if (!c.billingAddress().isEmpty()) {
            body.put("billing_address", address(c.billingAddress()));
        }
        return body;
    }

    private static JsonObject address(Address a) {
        return ZohoJson.withoutNulls(new JsonObject()
                .put("address", a.street())
                .put("street2", a.street2())
                .put("city", a.city())
                .put("state", a.state())
                .put("zip", a.zip())
                .put("country", a.country()));
    }

    private static List<ZohoContact> contacts(JsonObject response) {
        JsonArray rows = response.getJsonArray("contacts", new JsonArray());
        return rows.stream()
                .map(JsonObject.class::cast)
                .map(BooksContactsClient::contact)
                .toList();
    }

    static ZohoContact contact(JsonObject c) {
        return new ZohoContact(
                c.getString("contact_id"),
                c.getString("contact_name"),
                primaryEmail(c),
                c.getString("notes"),
                ZohoJson.blankToNull(c.getString("currency_code")),
                ZohoJson.blankToNull(c.getString("primary_contact_id")),
                time(c.getString("last_modified_time")));
    }

    /** Books' timestamps, {@code 2013-10-07T18:24:51+0530}; null when absent or in another form. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
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

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max).trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
