package io.zohosync.adapters.zoho.call;

import io.vertx.core.Future;
import io.zohosync.domain.budget.Budget;
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
import java.util.UUID;
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
        /** Leased slots no call has drawn yet. */
        final Deque<Slot> available = new ArrayDeque<>();
        /** The running jobs' reservations, each promised its calls out of {@code available}. */
        final Set<BudgetPermit.Reserved> running = new LinkedHashSet<>();
        /** Leased slots that hold a concurrency slot each: at most this many jobs run at once. */
        final List<String> holding = new ArrayList<>();

        int promised;
        int callsInFlight;
        /** The lease being taken, if any: one at a time per account. */
        Future<Void> leasing;

        boolean fits(int calls) {
            return running.size() < holding.size() && available.size() - promised >= calls;
        }

        int idle() {
            return Math.max(0, Math.min(holding.size() - running.size(), available.size() - promised));
        }
    }

    /** How many times a job's reservation waits for a lease before it is refused. */
    private static final int LEASE_TRIES = 3;

    public ReservedCalls(ZohoBudget store, ApiSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * A job's calls out of this instance's leases, in memory: when the leased slots not promised to other running jobs
     * cover them and a leased concurrency slot is idle, at once; else after one lease more ({@link ZohoBudget#lease}:
     * a block of slots and every free concurrency slot, in one transaction); refused when the shared budget has no room.
     */
    @Override
    public Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now) {
        String org = settings.organizationId(product);
        if (org == null) {
            return Future.failedFuture(new IllegalStateException("Zoho " + product + " is not configured"));
        }
        ZohoApiLimits limits = settings.limits(product);
        return reserve(org, product, limits, Budget.reservable(limits.budgetLimits(), calls), now, LEASE_TRIES);
    }

    private Future<BudgetPermit> reserve(
            String org, ZohoProduct product, ZohoApiLimits limits, int calls, Instant now, int tries) {
        Future<Void> wait;
        synchronized (this) {
            Slots slots = slots(org, product);
            if (slots.fits(calls)) {
                return Future.succeededFuture(grant(slots, org, product, calls));
            }
            if (slots.leasing == null) {
                Future<Void> leasing = lease(slots, org, product, limits, calls, now);
                if (!leasing.isComplete()) {
                    slots.leasing = leasing;
                    leasing.onComplete(x -> {
                        synchronized (this) {
                            if (slots.leasing == leasing) {
                                slots.leasing = null;
                            }
                        }
                    });
                }
                wait = leasing;
            } else {
                wait = slots.leasing;
            }
        }
        return wait.transform(leased -> {
            if (leased.failed()) {
                return Future.failedFuture(leased.cause());
            }
            synchronized (this) {
                Slots slots = slots(org, product);
                if (slots.fits(calls)) {
                    return Future.succeededFuture(grant(slots, org, product, calls));
                }
                BudgetPermit.Denied denied = denials.get(slots);
                if (denied != null || tries <= 1) {
                    return Future.succeededFuture(
                            denied != null
                                    ? denied
                                    : new BudgetPermit.Denied(Scope.CONCURRENCY, now.plus(Budget.SLOT_RETRY)));
                }
            }
            return reserve(org, product, limits, calls, now, tries - 1);
        });
    }

    /** The last lease's refusal per account (null once a lease gave slots). */
    private final Map<Slots, BudgetPermit.Denied> denials = new HashMap<>();

    /** Leases the slots {@code calls} lack (at least a block), and every free concurrency slot should none be idle. */
    private Future<Void> lease(
            Slots slots, String org, ZohoProduct product, ZohoApiLimits limits, int calls, Instant now) {
        int lacking = calls + slots.promised - slots.available.size();
        int want = Budget.reservable(limits.budgetLimits(), Math.max(lacking, leaseBlock(limits)));
        int gates = slots.running.size() < slots.holding.size() ? 0 : limits.concurrency();
        return store.lease(org, product, limits, now, want, gates).<Void>map(lease -> {
            synchronized (this) {
                if (lease.slotIds().isEmpty()) {
                    denials.put(slots, lease.denied());
                    return null;
                }
                denials.remove(slots);
                BudgetPermit.Reserved leased = new BudgetPermit.Reserved(org, product, lease.slotIds());
                lease.slotIds().forEach(id -> slots.available.add(new Slot(leased, id)));
                slots.holding.addAll(lease.slotIds().subList(0, lease.holding()));
            }
            return null;
        });
    }

    /** How many slots a lease takes at least: a quarter of the minute's allowance, at most 200. */
    static int leaseBlock(ZohoApiLimits limits) {
        return Math.max(1, Math.min(200, limits.perMinute() / 4));
    }

    private BudgetPermit.Reserved grant(Slots slots, String org, ZohoProduct product, int calls) {
        String id = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            ids.add(id + "#" + i);
        }
        BudgetPermit.Reserved reserved = new BudgetPermit.Reserved(org, product, ids);
        slots.running.add(reserved);
        slots.promised += calls;
        return reserved;
    }

    /**
     * A job has ended: its promise ends and its concurrency slot is idle again; once no job of the account runs, the
     * lease goes back (its unused slots never count as calls, its concurrency slots are released).
     */
    @Override
    public Future<Void> finish(BudgetPermit.Reserved reservation) {
        List<String> unused = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        synchronized (this) {
            Slots slots = slots(reservation.organizationId(), reservation.product());
            if (slots.running.remove(reservation)) {
                slots.promised -= reservation.slotIds().size();
            }
            if (slots.running.isEmpty() && slots.leasing == null && slots.callsInFlight == 0) {
                slots.available.forEach(slot -> unused.add(slot.id()));
                slots.available.clear();
                holding.addAll(slots.holding);
                slots.holding.clear();
                slots.promised = 0;
            }
        }
        Future<Void> back =
                holding.isEmpty() && unused.isEmpty() ? Future.succeededFuture() : store.giveBack(holding, unused);
        return back.onComplete(x -> freed());
    }

    /** Gives back the leases of every account where no job runs and no lease is being taken (a lease left idle). */
    public Future<Void> settleIdle() {
        List<Future<Void>> back = new ArrayList<>();
        synchronized (this) {
            for (Slots slots : accounts.values()) {
                if (slots.running.isEmpty()
                        && slots.callsInFlight == 0
                        && slots.leasing == null
                        && (!slots.available.isEmpty() || !slots.holding.isEmpty())) {
                    List<String> unused = new ArrayList<>();
                    slots.available.forEach(slot -> unused.add(slot.id()));
                    slots.available.clear();
                    List<String> holding = List.copyOf(slots.holding);
                    slots.holding.clear();
                    slots.promised = 0;
                    back.add(store.giveBack(holding, unused));
                }
            }
        }
        return Future.join(back).mapEmpty();
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
                int idle;
                int idleGates;
                synchronized (this) {
                    Slots slots = slots(org, product);
                    idle = slots.idle();
                    idleGates = Math.max(0, slots.holding.size() - slots.running.size());
                }
                // what this instance's lease holds idle needs no look at the shared budget; else the shared budget's
                // room (which counts this instance's leased concurrency as taken) and the leased concurrency left idle
                each.add(
                        idle > 0
                                ? Future.succeededFuture(new ZohoBudget.Headroom(idle, now))
                                : store.headroom(org, product, settings.limits(product), now)
                                        .map(shared -> shared.free() < 1
                                                ? shared
                                                : new ZohoBudget.Headroom(
                                                        shared.free() + idleGates, shared.retryAt())));
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
            // a call beyond the running jobs' (an admin's, a reconciliation's) while a leased concurrency slot is idle
            // runs under it: the lease may hold every concurrency slot the shared budget has
            boolean gateIdle = !slotIdle && slots.callsInFlight < slots.holding.size();
            slot = slotIdle ? slots.available.poll() : null;
            if (slot != null) {
                drawn.put(slot.id(), slots);
            } else if (slotIdle) {
                idle = slots.running.iterator().next();
            } else if (gateIdle) {
                idle = new BudgetPermit.Reserved(organizationId, product, List.of(slots.holding.get(0)));
            }
            if (slotIdle || gateIdle) {
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
