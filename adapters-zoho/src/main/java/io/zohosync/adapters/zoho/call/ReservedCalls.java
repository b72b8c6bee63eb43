package io.zohosync.adapters.zoho.call;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.BudgetAccount;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoBudgetOutlook;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Jobs' reservations over the shared budget, and the budget as every call takes it: per {@link BudgetAccount}
 * this instance keeps the slots its running jobs reserved, and a call takes one of them when there is one
 * (drawing it: it counts from the call); when none is left but a reservation's concurrency slot is idle (a call its
 * job did not plan), it runs under that slot, counted like any call ({@link ZohoBudget#extend}): it must not wait
 * for the slot its own job holds, which with one call at once it never got; else a permit as before. A call on a
 * reserved slot runs under one of the reservations' concurrency slots, so no more such calls run at once than
 * there are running reservations.
 * When a job ends, the slots beyond what the other running jobs reserved are given back; the job's own
 * concurrency slot is released.
 */
public final class ReservedCalls implements ZohoCallBudget, ZohoBudgetOutlook {

    private final ZohoBudget store;
    private final ApiSettings settings;
    private final Map<BudgetAccount, Slots> accounts = new HashMap<>();
    /** Calls in flight on a reserved slot, by slot id. */
    private final Map<String, Slots> drawn = new HashMap<>();

    private final List<Runnable> freed = new CopyOnWriteArrayList<>();

    private record Slot(BudgetPermit.Reserved reservation, String id) {}

    private static final class Slots {
        final Deque<Slot> available = new ArrayDeque<>();
        final Set<BudgetPermit.Reserved> running = new LinkedHashSet<>();
        int callsInFlight;

        int stillReserved() {
            return running.stream().mapToInt(r -> r.slotIds().size()).sum();
        }
    }

    public ReservedCalls(ZohoBudget store, ApiSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now) {
        String org = settings.organizationId(product);
        if (org == null) {
            return Future.failedFuture(new IllegalStateException("Zoho " + product + " is not configured"));
        }
        return store.reserve(org, product, settings.limits(product), now, calls).onSuccess(permit -> {
            if (permit instanceof BudgetPermit.Reserved reserved) {
                synchronized (this) {
                    Slots slots = slots(org, product);
                    slots.running.add(reserved);
                    reserved.slotIds().forEach(id -> slots.available.add(new Slot(reserved, id)));
                }
            }
        });
    }

    @Override
    public Future<Void> finish(BudgetPermit.Reserved reservation) {
        List<String> unused = new ArrayList<>();
        synchronized (this) {
            Slots slots = slots(reservation.organizationId(), reservation.product());
            slots.running.remove(reservation);
            int surplus = slots.available.size() - slots.stillReserved();
            // its own slots first: the others' may still be drawn by the jobs that reserved them
            List<Slot> order = new ArrayList<>(slots.available);
            order.sort((a, b) -> Boolean.compare(a.reservation() != reservation, b.reservation() != reservation));
            for (int i = 0; i < surplus; i++) {
                slots.available.remove(order.get(i));
                unused.add(order.get(i).id());
            }
        }
        return store.finish(reservation.slotIds().get(0), unused).onComplete(x -> freed());
    }

    @Override
    public Optional<ZohoApiLimits> limits(ZohoProduct product) {
        return settings.organizationId(product) == null
                ? Optional.empty()
                : Optional.ofNullable(settings.limits(product));
    }

    @Override
    public Future<Instant> finishTime(ZohoProduct product, long calls, Instant now) {
        String org = settings.organizationId(product);
        if (org == null || settings.limits(product) == null) {
            return Future.failedFuture(new IllegalStateException("Zoho " + product + " is not configured"));
        }
        return store.finishTime(org, product, settings.limits(product), now, calls);
    }

    @Override
    public void onFreed(Runnable listener) {
        freed.add(listener);
    }

    private void freed() {
        freed.forEach(Runnable::run);
    }

    @Override
    public Future<ZohoBudget.Headroom> headroom(Set<ZohoProduct> products, Instant now) {
        Set<BudgetAccount> seen = new HashSet<>();
        List<Future<ZohoBudget.Headroom>> each = new ArrayList<>();
        for (ZohoProduct product : products) {
            String org = settings.organizationId(product);
            if (org != null && settings.limits(product) != null && seen.add(BudgetAccount.of(org, product))) {
                each.add(store.headroom(org, product, settings.limits(product), now));
            }
        }
        return Future.all(each).map(all -> {
            int free = 0;
            Instant retryAt = null;
            for (int i = 0; i < all.size(); i++) {
                ZohoBudget.Headroom h = all.resultAt(i);
                free = Math.max(free, h.free());
                retryAt = retryAt == null || h.retryAt().isBefore(retryAt) ? h.retryAt() : retryAt;
            }
            return new ZohoBudget.Headroom(free, retryAt == null ? now : retryAt);
        });
    }

    /**
     * A permit for one call: a reserved slot when there is one; else, while a reservation's concurrency slot is idle,
     * a call more under it (a job's call it did not plan: it must not wait for a slot its own job holds); else one
     * of the shared budget's.
     */
    Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        Slot slot;
        Slots slots;
        BudgetPermit.Reserved idle = null;
        synchronized (this) {
            slots = slots(organizationId, product);
            boolean slotIdle = slots.callsInFlight < slots.running.size();
            slot = slotIdle ? slots.available.poll() : null;
            if (slot != null) {
                drawn.put(slot.id(), slots);
            } else if (slotIdle) {
                idle = slots.running.iterator().next();
            }
            if (slotIdle) {
                slots.callsInFlight++;
            }
        }
        if (idle != null) {
            return beyond(idle, slots, limits, now);
        }
        if (slot == null) {
            return store.acquire(organizationId, product, limits, now);
        }
        Slot taken = slot;
        return store.draw(slot.reservation(), slot.id(), now)
                .<BudgetPermit>map(x -> new BudgetPermit.Granted(taken.id(), organizationId, product))
                .onFailure(e -> {
                    synchronized (this) {
                        drawn.remove(taken.id());
                        slots.callsInFlight--;
                        slots.available.addFirst(taken);
                    }
                });
    }

    /** A call beyond the reservations' slots under {@code reservation}'s idle concurrency slot (counted in flight). */
    private Future<BudgetPermit> beyond(
            BudgetPermit.Reserved reservation, Slots slots, ZohoApiLimits limits, Instant now) {
        return store.extend(reservation, limits, now).onComplete(ar -> {
            synchronized (this) {
                if (ar.succeeded() && ar.result() instanceof BudgetPermit.Granted granted) {
                    drawn.put(granted.permitId(), slots);
                } else {
                    slots.callsInFlight--;
                }
            }
        });
    }

    /** The call has ended: a reserved slot's concurrency goes back to its reservations, a permit to the budget. */
    Future<Void> release(BudgetPermit.Granted permit) {
        synchronized (this) {
            Slots slots = drawn.remove(permit.permitId());
            if (slots != null) {
                slots.callsInFlight--;
                return Future.<Void>succeededFuture().onComplete(x -> freed());
            }
        }
        return store.release(permit).onComplete(x -> freed());
    }

    /** Zoho answered 429: the shared budget closes {@code scope} (reserved slots stay reserved). */
    Future<Void> block(String organizationId, ZohoProduct product, Scope scope, Instant until) {
        return store.block(organizationId, product, scope, until);
    }

    /** Zoho told its own count of the day in an answer's headers: the shared budget follows it. */
    Future<Void> zohoCount(String organizationId, ZohoProduct product, ZohoDayCount count) {
        return store.zohoCount(organizationId, product, count);
    }

    private Slots slots(String organizationId, ZohoProduct product) {
        return accounts.computeIfAbsent(BudgetAccount.of(organizationId, product), k -> new Slots());
    }
}
