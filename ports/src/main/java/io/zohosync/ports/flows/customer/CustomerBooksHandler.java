package io.zohosync.ports.flows.customer;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.CustomerMatcher;
import io.zohosync.domain.matching.MatchOutcome;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.List;
import java.util.function.Function;

/**
 * A platform customer as a Zoho Books contact: matched by email, then (returning customers) by name
 * (design.md §5); its marker in the contact's notes; a namesake's name taken as "Name (email)".
 */
public final class CustomerBooksHandler implements SyncHandler<Customer> {

    private final ZohoContacts contacts;
    private final MatchPolicy policy;
    private final CustomerMapping mapping = new CustomerMapping();

    public CustomerBooksHandler(ZohoContacts contacts, MatchPolicy policy) {
        this.contacts = contacts;
        this.policy = policy;
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

    /** A new customer: the email search (when new ones link by email) and the create; a returning one: its searches. */
    @Override
    public int plannedCreateCalls(Customer customer) {
        if (customer.kind() == CustomerKind.NEW) {
            return (policy.linkNewByEmail() ? 1 : 0) + 1;
        }
        return 1 + (policy.matchReturningByName() ? 1 : 0);
    }

    @Override
    public Future<ZohoOutcome<Match>> match(Customer customer, Links links) {
        boolean needsEmailSearch = customer.kind() == CustomerKind.RETURNING || policy.linkNewByEmail();
        if (!needsEmailSearch) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
        }
        return then(contacts.findByEmail(customer.email()), byEmail -> {
            List<ContactCandidate> emailHits = candidates(byEmail);
            MatchOutcome withoutName = CustomerMatcher.match(customer, emailHits, List.of(), policy);
            if (!(withoutName instanceof MatchOutcome.NoMatch) || !policy.matchReturningByName()) {
                return Future.succeededFuture(new ZohoOutcome.Success<>(settle(withoutName)));
            }
            return then(
                    contacts.findByName(customer.displayName()),
                    byName -> Future.succeededFuture(new ZohoOutcome.Success<>(
                            settle(CustomerMatcher.match(customer, emailHits, candidates(byName), policy)))));
        });
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

    private static Match settle(MatchOutcome match) {
        return match.asSyncEvent()
                .<Match>map(event -> new Match.Settled(event, logName(match)))
                .orElse(Match.CREATE);
    }

    private static String logName(MatchOutcome match) {
        if (match instanceof MatchOutcome.LinkedByEmail) {
            return "linked_by_email";
        }
        if (match instanceof MatchOutcome.LinkedByName) {
            return "linked_by_name";
        }
        return match instanceof MatchOutcome.Ambiguous ? "ambiguous" : "no_match";
    }

    private static <T> Future<ZohoOutcome<Match>> then(
            Future<ZohoOutcome<T>> call, Function<T, Future<ZohoOutcome<Match>>> next) {
        return call.compose(outcome -> outcome instanceof ZohoOutcome.Success<T> ok
                ? next.apply(ok.value())
                : Future.succeededFuture(ZohoOutcome.retype(outcome)));
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
