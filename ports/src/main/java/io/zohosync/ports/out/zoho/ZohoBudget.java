package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Outbound port: the API budget shared by every instance (design.md §8). Each Zoho call takes a permit
 * first; a permit counts against the sliding minute and day of its {@link BudgetAccount} (so Books and
 * Inventory of one organization share one count) and holds a concurrency slot until it is released (or
 * its lease runs out, should an instance die holding it). Implementations only count and store: the
 * domain's {@code Budget} decides.
 */
public interface ZohoBudget {

    Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now);

    Future<Void> release(BudgetPermit.Granted permit);

    /**
     * Zoho answered 429 although the budget allowed the call: take no permit in {@code scope} before {@code until}.
     * Scopes that are no call limit of Zoho's (token refresh, an open circuit) are not the budget's and change nothing.
     */
    Future<Void> block(String organizationId, ZohoProduct product, ZohoOutcome.RateLimited.Scope scope, Instant until);

    /** When the last of {@code calls} more calls could be made, each as soon as the budget allows (a backlog's finish). */
    Future<Instant> finishTime(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, long calls);
}
