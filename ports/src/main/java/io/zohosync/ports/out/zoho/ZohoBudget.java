package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Outbound port: the API budget shared by every instance (design.md §8). Each Zoho call takes a permit
 * first; a permit counts against the sliding minute and day of its {@link BudgetAccount} (so Books and
 * Inventory of one organization share one count) and holds a concurrency slot until it is released.
 * Implementations only count and store: the domain's {@code Budget} decides.
 *
 * <p>Each instance is one <em>holder</em>: what it holds counts only while it is alive, that is while it
 * {@link #heartbeat heartbeats} (a permit taken is a heartbeat too). An instance killed with calls in flight
 * frees their slots when its heartbeat runs out, within seconds; a live one keeps them however long its calls
 * run. A release that fails (the database restarting) is kept and retried on the next heartbeat, not leaked.
 */
public interface ZohoBudget {

    Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now);

    Future<Void> release(BudgetPermit.Granted permit);

    /**
     * Reserves {@code calls} calls at once, all or none (a job's planned calls, so that a refusal never comes
     * between them): {@link BudgetPermit.Reserved} or {@link BudgetPermit.Denied} at the moment all of them fit.
     * At most as many as a window holds are reserved ({@code Budget.reservable}); the reservation holds one
     * concurrency slot, as the job's calls run one after another.
     */
    Future<BudgetPermit> reserve(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, int calls);

    /**
     * One call more than {@code reservation} holds slots for, made {@code now} while no other of its calls is in
     * flight (a call its job did not plan, e.g. the marker search after Zoho refused a create as a duplicate): it runs
     * under the reservation's concurrency slot and counts against the windows like any call. {@link
     * BudgetPermit.Granted} (holding no slot of its own: nothing to release) or {@link BudgetPermit.Denied} for a
     * window or Zoho's block, never for concurrency: with one call at once, the job's own slot is the only one.
     */
    Future<BudgetPermit> extend(BudgetPermit.Reserved reservation, ZohoApiLimits limits, Instant now);

    /** A slot of {@code reservation} is used by a call made {@code now}: from now on it counts from {@code now}. */
    Future<Void> draw(BudgetPermit.Reserved reservation, String slotId, Instant now);

    /**
     * Ends a reservation: the {@code unused} slots are given back (they never count as calls) and {@code holding}
     * releases its concurrency slot. An adapter that leases the budget per instance (the Postgres one) may keep them
     * for its next reservations a short while, held and counted as before, instead of giving them back at once.
     */
    Future<Void> finish(String holding, List<String> unused);

    /** How many calls could start now, or, when none can, when one could ({@link Headroom}); takes nothing. */
    Future<Headroom> headroom(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now);

    /** This instance is alive at {@code now}: its slots stay held a while longer; failed releases are retried. */
    Future<Void> heartbeat(Instant now);

    /**
     * Zoho answered 429 although the budget allowed the call: take no permit in {@code scope} before {@code until}.
     * Scopes that are no call limit of Zoho's (token refresh, an open circuit) are not the budget's and change nothing.
     */
    Future<Void> block(String organizationId, ZohoProduct product, ZohoOutcome.RateLimited.Scope scope, Instant until);

    /**
     * Zoho told its own count of the day ({@link ZohoDayCount}): until it resets, no permit or reservation takes
     * more calls than it leaves. A report replaces an older one ({@link ZohoDayCount#supersedes}), never a newer one.
     */
    Future<Void> zohoCount(String organizationId, ZohoProduct product, ZohoDayCount count);

    /** When the last of {@code calls} more calls could be made, each as soon as the budget allows (a backlog's finish). */
    Future<Instant> finishTime(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, long calls);

    /** Value: {@code free} calls could start now; when none can, {@code retryAt} is when to look again. */
    record Headroom(int free, Instant retryAt) {}
}
