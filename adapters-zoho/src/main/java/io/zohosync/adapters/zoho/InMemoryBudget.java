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
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * In-memory adapter for {@link ZohoBudget}, for one process: per {@link BudgetAccount} it keeps the last
 * day's call times, the slots reserved and not yet drawn, the permits in flight, Zoho's blocks and its own count
 * of the day; the
 * domain's {@link Budget} decides. Its one holder is the process, alive as long as the counts are: a
 * heartbeat has nothing to renew and no release can fail.
 */
final class InMemoryBudget implements ZohoBudget {

    private static final class Counter {
        final List<Instant> calls = new ArrayList<>();
        final Set<String> inFlight = new HashSet<>();
        /** Reserved slots not yet drawn: each counts as a call made now. */
        final Set<String> reserved = new HashSet<>();

        final Map<Limit, Instant> blockedUntil = new EnumMap<>(Limit.class);
        /** Zoho's own count of the day, as last told; null until told. */
        ZohoDayCount zoho;

        /** The calls counted from Zoho's report on (reserved slots as made now): what its count has not seen. */
        long sinceZohoCounted() {
            if (zoho == null) {
                return 0;
            }
            return calls.stream().filter(t -> !t.isBefore(zoho.calledAt())).count() + reserved.size();
        }

        /** The budget's own decision for {@code calls} calls and Zoho's count: the refusal, if either refuses. */
        Optional<BudgetPermit.Denied> refusal(BudgetDecision own, int calls, ZohoApiLimits limits, Instant now) {
            return ZohoDayCount.refusal(own, zoho, sinceZohoCounted(), calls, limits.concurrency(), now);
        }

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
    /** The counter of each reserved or held slot. */
    private final Map<String, Counter> slots = new HashMap<>();

    @Override
    public synchronized Future<BudgetPermit> acquire(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        Counter c = counter(organizationId, product);
        Optional<BudgetPermit.Denied> refused =
                c.refusal(Budget.permit(limits.budgetLimits(), usage(c, limits, now, 1), now), 1, limits, now);
        if (refused.isPresent()) {
            return Future.succeededFuture(refused.get());
        }
        String id = UUID.randomUUID().toString();
        c.add(now);
        c.inFlight.add(id);
        slots.put(id, c);
        return Future.succeededFuture(new BudgetPermit.Granted(id, organizationId, product));
    }

    @Override
    public synchronized Future<BudgetPermit> reserve(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, int calls) {
        Counter c = counter(organizationId, product);
        int n = Budget.reservable(limits.budgetLimits(), calls);
        Optional<BudgetPermit.Denied> refused =
                c.refusal(Budget.reserve(limits.budgetLimits(), usage(c, limits, now, n), now, n), n, limits, now);
        if (refused.isPresent()) {
            return Future.succeededFuture(refused.get());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            c.reserved.add(id);
            slots.put(id, c);
        }
        c.inFlight.add(ids.get(0));
        return Future.succeededFuture(new BudgetPermit.Reserved(organizationId, product, ids));
    }

    @Override
    public synchronized Future<BudgetPermit> extend(
            BudgetPermit.Reserved reservation, ZohoApiLimits limits, Instant now) {
        Counter c = counter(reservation.organizationId(), reservation.product());
        Optional<BudgetPermit.Denied> refused = c.refusal(
                Budget.permit(limits.budgetLimits(), usage(c, limits, now, 1).withoutCallsInFlight(), now),
                1,
                limits,
                now);
        if (refused.isPresent()) {
            return Future.succeededFuture(refused.get());
        }
        c.add(now);
        return Future.succeededFuture(new BudgetPermit.Granted(
                UUID.randomUUID().toString(), reservation.organizationId(), reservation.product()));
    }

    /** The windows as {@link Budget#reserve} of {@code calls} reads them: reserved slots count as calls made now. */
    private static BudgetUsage usage(Counter c, ZohoApiLimits limits, Instant now, int calls) {
        List<Instant> counted = new ArrayList<>(c.lastDay(now));
        for (int i = 0; i < c.reserved.size(); i++) {
            counted.add(now);
        }
        counted.sort(null);
        return new BudgetUsage(
                WindowUsage.of(counted, now.minus(Budget.MINUTE), Budget.counted(limits.perMinute(), calls)),
                WindowUsage.of(counted, now.minus(Budget.DAY), Budget.counted(limits.perDay(), calls)),
                c.inFlight.size(),
                c.blockedUntil);
    }

    @Override
    public synchronized Future<Void> draw(BudgetPermit.Reserved reservation, String slotId, Instant now) {
        Counter c = counter(reservation.organizationId(), reservation.product());
        c.reserved.remove(slotId);
        if (!c.inFlight.contains(slotId)) {
            slots.remove(slotId);
        }
        c.add(now);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> release(BudgetPermit.Granted permit) {
        counter(permit.organizationId(), permit.product()).inFlight.remove(permit.permitId());
        slots.remove(permit.permitId());
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> finish(String holding, List<String> unused) {
        Counter holder = slots.remove(holding);
        if (holder != null) {
            holder.inFlight.remove(holding);
            holder.reserved.remove(holding);
        }
        for (String id : unused) {
            Counter c = slots.remove(id);
            if (c != null) {
                c.reserved.remove(id);
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Headroom> headroom(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        Counter c = counter(organizationId, product);
        BudgetUsage usage = usage(c, limits, now, 1);
        int free = Budget.freeSlots(limits.budgetLimits(), usage, now);
        if (c.zoho != null) {
            free = Math.min(free, c.zoho.left(c.sinceZohoCounted(), limits.concurrency(), now));
        }
        return Future.succeededFuture(new Headroom(
                free,
                c.refusal(Budget.permit(limits.budgetLimits(), usage, now), 1, limits, now)
                        .map(BudgetPermit.Denied::retryAt)
                        .orElse(now)));
    }

    @Override
    public Future<Void> heartbeat(Instant now) {
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
        Instant finish = Budget.finishTime(limits.budgetLimits(), c.lastDay(now), c.blockedUntil, now, calls);
        boolean beyondZohosDay = c.zoho != null && c.zoho.left(c.sinceZohoCounted(), limits.concurrency(), now) < calls;
        return Future.succeededFuture(beyondZohosDay && c.zoho.resetAt().isAfter(finish) ? c.zoho.resetAt() : finish);
    }

    @Override
    public synchronized Future<Void> zohoCount(String organizationId, ZohoProduct product, ZohoDayCount count) {
        Counter c = counter(organizationId, product);
        if (count.supersedes(c.zoho)) {
            c.zoho = count;
        }
        return Future.succeededFuture();
    }

    private Counter counter(String organizationId, ZohoProduct product) {
        return counters.computeIfAbsent(BudgetAccount.of(organizationId, product), k -> new Counter());
    }
}
