package io.zohosync.ports.flows.customer;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.List;

/**
 * A platform customer as a Zoho Books contact: matched by email, then (returning customers) by name
 * (design.md §5); its marker in the contact's notes; a namesake's name taken as "Name (email)".
 */
public final class CustomerBooksHandler implements SyncHandler<Customer> {

    private final ZohoContacts contacts;
    private final CustomerMatching matching;
    private final CustomerMatching.Searches searches;
    private final CustomerMapping mapping = new CustomerMapping();

    public CustomerBooksHandler(ZohoContacts contacts, MatchPolicy policy) {
        this.contacts = contacts;
        this.matching = new CustomerMatching(policy);
        this.searches = new CustomerMatching.Searches() {
            @Override
            public Future<ZohoOutcome<List<ContactCandidate>>> byEmail(String email) {
                return contacts.findByEmail(email).map(found -> found.map(CustomerBooksHandler::candidates));
            }

            @Override
            public Future<ZohoOutcome<List<ContactCandidate>>> byName(String name) {
                return contacts.findByName(name).map(found -> found.map(CustomerBooksHandler::candidates));
            }
        };
    }

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BOOKS;
    }

    @Override
    public EntityMapping<Customer> mapping() {
        return mapping;
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Customer customer) {
        return contacts.findByMarker(customer.platformId()).map(found -> ids(found));
    }

    @Override
    public int plannedCreateCalls(Customer customer) {
        return matching.plannedCreateCalls(customer);
    }

    @Override
    public Future<ZohoOutcome<Match>> match(Customer customer, Links links) {
        return matching.match(customer, searches);
    }

    @Override
    public Future<ZohoOutcome<String>> create(Customer customer, Links links) {
        return contacts.create(customer, customer.displayName()).map(CustomerBooksHandler::id);
    }

    /** Books wants contact names unique: a namesake's contact holds the name, so this one is "Name (email)". */
    @Override
    public Future<ZohoOutcome<String>> createAfterDuplicate(Customer customer, Links links, String message) {
        String suffix = " (" + customer.email() + ")";
        String name = customer.displayName();
        int room = Customer.MAX_CONTACT_NAME - suffix.length();
        String renamed = (name.length() <= room ? name : name.substring(0, room).trim()) + suffix;
        return contacts.create(customer, renamed).map(CustomerBooksHandler::id);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String contactId, Customer customer, Links links) {
        return contacts.update(contactId, customer).map(CustomerBooksHandler::id);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String contactId) {
        return contacts.get(contactId).map(CustomerBooksHandler::id);
    }

    private static List<ContactCandidate> candidates(List<ZohoContact> contacts) {
        return contacts.stream()
                .map(c -> new ContactCandidate(c.contactId(), c.contactName(), c.email()))
                .toList();
    }

    private static ZohoOutcome<String> id(ZohoOutcome<ZohoContact> outcome) {
        return outcome instanceof ZohoOutcome.Success<ZohoContact> ok
                ? new ZohoOutcome.Success<>(ok.value().contactId())
                : ZohoOutcome.retype(outcome);
    }

    private static ZohoOutcome<List<String>> ids(ZohoOutcome<List<ZohoContact>> outcome) {
        return outcome instanceof ZohoOutcome.Success<List<ZohoContact>> ok
                ? new ZohoOutcome.Success<>(
                        ok.value().stream().map(ZohoContact::contactId).toList())
                : ZohoOutcome.retype(outcome);
    }
}
