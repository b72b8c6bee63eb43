package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Outbound port: the API budget shared by every instance (design.md §8). Each Zoho call takes a
 * permit first; a permit counts against the sliding minute and day and holds a concurrency slot
 * until it is released (or its lease runs out, should an instance die holding it).
 */
public interface ZohoBudget {

    Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now);

    Future<Void> release(BudgetPermit.Granted permit);

    /** Zoho answered 429 although the budget allowed the call: take no permit in {@code scope} before {@code until}. */
    Future<Void> block(String organizationId, ZohoProduct product, ZohoOutcome.RateLimited.Scope scope, Instant until);
}
