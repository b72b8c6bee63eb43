package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Outbound port: the API budget as a backlog sees it — the limits configured and when a number of calls could be done. */
public interface ZohoBudgetOutlook {

    /** The calls {@code product} may take (per minute, per day, at once); empty when it is not configured. */
    Optional<ZohoApiLimits> limits(ZohoProduct product);

    /** When the last of {@code calls} more calls to {@code product} could be made, each as soon as the budget allows. */
    Future<Instant> finishTime(ZohoProduct product, long calls, Instant now);
}
