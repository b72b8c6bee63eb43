package io.zohosync.ports.out.zoho;

import java.time.Instant;

/** The API budget's answer to "may I call Zoho now?". */
public sealed interface BudgetPermit {

    /** One call may go out; {@link ZohoBudget#release} it when the call has ended. */
    record Granted(String permitId, String organizationId, ZohoProduct product) implements BudgetPermit {}

    /** No call now: the {@code scope} budget reopens at {@code retryAt}. */
    record Denied(ZohoOutcome.RateLimited.Scope scope, Instant retryAt) implements BudgetPermit {}
}
