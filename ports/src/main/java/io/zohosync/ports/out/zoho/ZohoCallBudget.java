package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Set;

/**
 * Outbound port: the API budget as a job sees it (issue 13). A job reserves the calls it plans before its first
 * one, all or none, so a refusal never comes between its calls and makes it repeat them; its calls then use the
 * reserved slots, and what it did not use is given back. The worker asks how many jobs could start before it
 * claims any, so it does not claim work the budget would refuse.
 */
public interface ZohoCallBudget {

    /** {@link BudgetPermit.Reserved} for {@code calls} calls to {@code product}, or {@link BudgetPermit.Denied} until all fit. */
    Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now);

    /** The job has ended: its concurrency slot is released and the slots no running job may still need are given back. */
    Future<Void> finish(BudgetPermit.Reserved reservation);

    /**
     * How many jobs could start now on the one of {@code products} with the most room, or, when none can, when to
     * look again.
     */
    Future<ZohoBudget.Headroom> headroom(Set<ZohoProduct> products, Instant now);

    /**
     * Calls {@code listener} whenever this instance frees a concurrency slot (a call or a job has ended), so a worker
     * waiting for one can look again at once rather than at its next poll.
     */
    void onFreed(Runnable listener);
}
