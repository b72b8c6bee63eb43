package io.zohosync.domain.budget;

import java.time.Instant;

/** Value: whether one more Zoho call may be made now, and if not, when or on what to wait. */
public sealed interface BudgetDecision {

    /** Make the call. */
    record Allowed() implements BudgetDecision {}

    /** A window is spent: no call before {@code at} (defer the job there, no attempt used). */
    record WaitUntil(Instant at, String reason) implements BudgetDecision {}

    /** All concurrency slots are taken: wait for a call in flight to finish. */
    record WaitForSlot(String reason) implements BudgetDecision {}
}
