package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.flows.customer.CustomerMatching;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.BillingCustomer;
import io.zohosync.ports.out.zoho.ZohoBillingCustomers;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.List;

/**
 * A platform customer as a Zoho Billing customer: matched as for Books (email, then, for returning customers, name —
 * {@link MatchPolicy}); the platform id's marker {@code zoho-sync:<id>} in the customer's notes (Billing's own
 * {@code reference_id} is only a CRM record's id), found again among the customers with its email.
 */
public final class CustomerBillingHandler implements SyncHandler<Customer> {

    private final ZohoBillingCustomers customers;
    private final CustomerMatching matching;
    private final CustomerMatching.Searches searches;
    private final CustomerMapping mapping = new CustomerMapping();

    public CustomerBillingHandler(ZohoBillingCustomers customers, MatchPolicy policy) {
        this.customers = customers;
        this.matching = new CustomerMatching(policy);
        this.searches = new CustomerMatching.Searches() {
            @Override
            public Future<ZohoOutcome<List<ContactCandidate>>> byEmail(String email) {
                return customers.findByEmail(email).map(found -> found.map(CustomerBillingHandler::candidates));
            }

            @Override
            public Future<ZohoOutcome<List<ContactCandidate>>> byName(String name) {
                return customers.findByName(name).map(found -> found.map(CustomerBillingHandler::candidates));
            }
        };
    }

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.BILLING;
    }

    @Override
    public EntityMapping<Customer> mapping() {
        return mapping;
    }

    /** The email search, one read per customer holding the email (usually one). */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(Customer customer) {
        return customers.findByMarker(customer).map(CustomerBillingHandler::ids);
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
        return customers.create(customer).map(CustomerBillingHandler::id);
    }

    @Override
    public Future<ZohoOutcome<String>> update(String customerId, Customer customer, Links links) {
        return customers.update(customerId, customer).map(CustomerBillingHandler::id);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String customerId) {
        return customers.get(customerId).map(CustomerBillingHandler::id);
    }

    private static List<ContactCandidate> candidates(List<BillingCustomer> found) {
        return found.stream()
                .map(c -> new ContactCandidate(c.customerId(), c.displayName(), c.email()))
                .toList();
    }

    private static ZohoOutcome<String> id(ZohoOutcome<BillingCustomer> outcome) {
        return outcome instanceof ZohoOutcome.Success<BillingCustomer> ok
                ? new ZohoOutcome.Success<>(ok.value().customerId())
                : ZohoOutcome.retype(outcome);
    }

    private static ZohoOutcome<List<String>> ids(ZohoOutcome<List<BillingCustomer>> outcome) {
        return outcome instanceof ZohoOutcome.Success<List<BillingCustomer>> ok
                ? new ZohoOutcome.Success<>(
                        ok.value().stream().map(BillingCustomer::customerId).toList())
                : ZohoOutcome.retype(outcome);
    }
}
