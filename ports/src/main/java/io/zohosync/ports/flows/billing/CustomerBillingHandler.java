package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.CustomerMatcher;
import io.zohosync.domain.matching.MatchOutcome;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.ports.flows.customer.CustomerMapping;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.BillingCustomer;
import io.zohosync.ports.out.zoho.ZohoBillingCustomers;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.util.List;
import java.util.function.Function;

/**
 * A platform customer as a Zoho Billing customer: matched as for Books (email, then, for returning customers, name —
 * {@link MatchPolicy}); the platform id's marker {@code zoho-sync:<id>} in the customer's notes (Billing's own
 * {@code reference_id} is only a CRM record's id), found again among the customers with its email.
 */
public final class CustomerBillingHandler implements SyncHandler<Customer> {

    private final ZohoBillingCustomers customers;
    private final MatchPolicy policy;
    private final CustomerMapping mapping = new CustomerMapping();

    public CustomerBillingHandler(ZohoBillingCustomers customers, MatchPolicy policy) {
        this.customers = customers;
        this.policy = policy;
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
        return then(customers.findByEmail(customer.email()), byEmail -> {
            List<ContactCandidate> emailHits = candidates(byEmail);
            MatchOutcome withoutName = CustomerMatcher.match(customer, emailHits, List.of(), policy);
            if (!(withoutName instanceof MatchOutcome.NoMatch) || !policy.matchReturningByName()) {
                return Future.succeededFuture(new ZohoOutcome.Success<>(settle(withoutName)));
            }
            return then(
                    customers.findByName(customer.displayName()),
                    byName -> Future.succeededFuture(new ZohoOutcome.Success<>(
                            settle(CustomerMatcher.match(customer, emailHits, candidates(byName), policy)))));
        });
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
