package io.zohosync.ports.flows.customer;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.matching.ContactCandidate;
import io.zohosync.domain.matching.CustomerMatcher;
import io.zohosync.domain.matching.MatchOutcome;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Match;
import java.util.List;
import java.util.function.Function;

/**
 * Matching a platform customer against a Zoho product's customers (design.md §5), the same for Books contacts and
 * Billing customers: the email search (for returning customers, and new ones when they link by email), then — for a
 * returning customer with no email match — the name search; the domain's {@link CustomerMatcher} decides.
 */
public final class CustomerMatching {

    /** How a product's customers are searched, as the matcher's candidates. */
    public interface Searches {
        Future<ZohoOutcome<List<ContactCandidate>>> byEmail(String email);

        Future<ZohoOutcome<List<ContactCandidate>>> byName(String name);
    }

    private final MatchPolicy policy;

    public CustomerMatching(MatchPolicy policy) {
        this.policy = policy;
    }

    /** A new customer: the email search (when new ones link by email) and the create; a returning one: its searches. */
    public int plannedCreateCalls(Customer customer) {
        if (customer.kind() == CustomerKind.NEW) {
            return (policy.linkNewByEmail() ? 1 : 0) + 1;
        }
        return 1 + (policy.matchReturningByName() ? 1 : 0);
    }

    public Future<ZohoOutcome<Match>> match(Customer customer, Searches searches) {
        boolean needsEmailSearch = customer.kind() == CustomerKind.RETURNING || policy.linkNewByEmail();
        if (!needsEmailSearch) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
        }
        return then(searches.byEmail(customer.email()), emailHits -> {
            MatchOutcome withoutName = CustomerMatcher.match(customer, emailHits, List.of(), policy);
            if (!(withoutName instanceof MatchOutcome.NoMatch) || !policy.matchReturningByName()) {
                return Future.succeededFuture(new ZohoOutcome.Success<>(settle(withoutName)));
            }
            return then(
                    searches.byName(customer.displayName()),
                    nameHits -> Future.succeededFuture(new ZohoOutcome.Success<>(
                            settle(CustomerMatcher.match(customer, emailHits, nameHits, policy)))));
        });
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
}
