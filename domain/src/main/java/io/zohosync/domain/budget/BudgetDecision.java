package io.zohosync.domain.budget;

import java.time.Instant;

/** Value: whether one more Zoho call may be made now, and if not, which limit is closed and until when. */
public sealed interface BudgetDecision {

    /** Make the call. */
    record Allowed() implements BudgetDecision {}

    /** No call before {@code at}, when {@code limit} reopens (defer the job there; no attempt used). */
    record WaitUntil(Limit limit, Instant at, String reason) implements BudgetDecision {}
}
