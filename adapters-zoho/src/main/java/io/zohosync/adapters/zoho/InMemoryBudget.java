package io.zohosync.adapters.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.budget.Budget;
import io.zohosync.domain.budget.BudgetDecision;
import io.zohosync.domain.budget.BudgetUsage;
import io.zohosync.domain.budget.Limit;
import io.zohosync.domain.budget.WindowUsage;
import io.zohosync.ports.out.zoho.BudgetAccount;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory adapter for {@link ZohoBudget}, for one process: per {@link BudgetAccount} it keeps the last
 * day's call times, the permits in flight and Zoho's blocks; the domain's {@link Budget} decides.
 */
final class InMemoryBudget implements ZohoBudget {

    private static final class Counter {
        final List<Instant> calls = new ArrayList<>();
        final Set<String> inFlight = new HashSet<>();
        final Map<Limit, Instant> blockedUntil = new EnumMap<>(Limit.class);

        /** Drops the calls the sliding day no longer holds at {@code now}. */
        List<Instant> lastDay(Instant now) {
            Instant since = now.minus(Budget.DAY);
            int old = 0;
            while (old < calls.size() && !calls.get(old).isAfter(since)) {
                old++;
            }
            calls.subList(0, old).clear();
            return calls;
        }

        void add(Instant call) {
            int at = calls.size();
            while (at > 0 && calls.get(at - 1).isAfter(call)) {
                at--;
            }
            calls.add(at, call);
        }
    }

    private final Map<BudgetAccount, Counter> counters = new HashMap<>();

    @Override
    public synchronized Future<BudgetPermit> acquire(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        Counter c = counter(organizationId, product);
        List<Instant> calls = c.lastDay(now);
        BudgetUsage usage = new BudgetUsage(
                WindowUsage.of(calls, now.minus(Budget.MINUTE), limits.perMinute()),
                WindowUsage.of(calls, now.minus(Budget.DAY), limits.perDay()),
                c.inFlight.size(),
                c.blockedUntil);
        if (Budget.permit(limits.budgetLimits(), usage, now) instanceof BudgetDecision.WaitUntil wait) {
            return Future.succeededFuture(BudgetPermit.Denied.of(wait));
        }
        String id = UUID.randomUUID().toString();
        c.add(now);
        c.inFlight.add(id);
        return Future.succeededFuture(new BudgetPermit.Granted(id, organizationId, product));
    }

    @Override
    public synchronized Future<Void> release(BudgetPermit.Granted permit) {
        counter(permit.organizationId(), permit.product()).inFlight.remove(permit.permitId());
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> block(String organizationId, ZohoProduct product, Scope scope, Instant until) {
        Map<Limit, Instant> blocks = counter(organizationId, product).blockedUntil;
        BudgetPermit.limitOf(scope).ifPresent(limit -> blocks.merge(limit, until, (a, b) -> a.isAfter(b) ? a : b));
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Instant> finishTime(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, long calls) {
        Counter c = counter(organizationId, product);
        return Future.succeededFuture(
                Budget.finishTime(limits.budgetLimits(), c.lastDay(now), c.blockedUntil, now, calls));
    }

    private Counter counter(String organizationId, ZohoProduct product) {
        return counters.computeIfAbsent(BudgetAccount.of(organizationId, product), k -> new Counter());
    }
}
