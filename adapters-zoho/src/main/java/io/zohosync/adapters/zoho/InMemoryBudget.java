package io.zohosync.adapters.zoho;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** In-memory adapter for {@link ZohoBudget}: sliding minute and day windows and a concurrency count, for one process. */
final class InMemoryBudget implements ZohoBudget {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration CONCURRENCY_RETRY = Duration.ofMillis(200);

    private record Key(String organizationId, ZohoProduct product) {}

    private static final class Account {
        final Deque<Instant> calls = new ArrayDeque<>();
        final Set<String> inFlight = new HashSet<>();
        final Map<Scope, Instant> blockedUntil = new EnumMap<>(Scope.class);
    }

    private final Map<Key, Account> accounts = new HashMap<>();

    @Override
    public synchronized Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        Account a = accounts.computeIfAbsent(new Key(organizationId, product), k -> new Account());
        while (!a.calls.isEmpty() && !a.calls.peekFirst().isAfter(now.minus(DAY))) {
            a.calls.pollFirst();
        }
        for (Map.Entry<Scope, Instant> block : a.blockedUntil.entrySet()) {
            if (now.isBefore(block.getValue())) {
                return Future.succeededFuture(new BudgetPermit.Denied(block.getKey(), block.getValue()));
            }
        }
        if (a.calls.size() >= limits.perDay()) {
            return Future.succeededFuture(new BudgetPermit.Denied(Scope.DAY, a.calls.peekFirst().plus(DAY)));
        }
        Instant minuteAgo = now.minus(MINUTE);
        long lastMinute = a.calls.stream().filter(t -> t.isAfter(minuteAgo)).count();
        if (lastMinute >= limits.perMinute()) {
            Instant oldest = a.calls.stream().filter(t -> t.isAfter(minuteAgo)).findFirst().orElse(now);
            return Future.succeededFuture(new BudgetPermit.Denied(Scope.MINUTE, oldest.plus(MINUTE)));
        }
        if (a.inFlight.size() >= limits.concurrency()) {
            return Future.succeededFuture(new BudgetPermit.Denied(Scope.CONCURRENCY, now.plus(CONCURRENCY_RETRY)));
        }
        String id = UUID.randomUUID().toString();
        a.calls.addLast(now);
        a.inFlight.add(id);
        return Future.succeededFuture(new BudgetPermit.Granted(id, organizationId, product));
    }

    @Override
    public synchronized Future<Void> release(BudgetPermit.Granted permit) {
        Account a = accounts.get(new Key(permit.organizationId(), permit.product()));
        if (a != null) {
            a.inFlight.remove(permit.permitId());
        }
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Void> block(String organizationId, ZohoProduct product, Scope scope, Instant until) {
        accounts.computeIfAbsent(new Key(organizationId, product), k -> new Account()).blockedUntil.merge(scope, until,
                (a, b) -> a.isAfter(b) ? a : b);
        return Future.succeededFuture();
    }
}
