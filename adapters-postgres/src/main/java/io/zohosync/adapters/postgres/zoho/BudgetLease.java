package io.zohosync.adapters.postgres.zoho;

import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What one instance holds of one account's budget between two settlements with the database (issue 14): slots (rows
 * counted against the windows as calls made now until a call draws them, exactly as a job's reserved slots) and
 * concurrency units (rows that hold a slot of the concurrency limit and count against no window). The database
 * counts all of them whatever this instance does with them, so handing them to jobs here never takes more than the
 * shared limits hold.
 *
 * <p>A reservation takes a unit and its slots from here while the lease is {@link #granting}; a job that ends gives its
 * unit and its unused slots back here. Once the lease stops granting (its life is over, or Zoho blocked the account),
 * what is idle goes back to the database at the next settlement ({@link #takeIdle}), and what running jobs hold goes
 * back as each ends. Time is the callers' ({@code now}); the latest seen counts, so a caller whose clock lags never
 * extends the lease's life. Not thread-safe: its owner guards it.
 */
final class BudgetLease {

    /** A running job's holding: its lease's unit, and the lease it came from. */
    record Grant(BudgetLease lease, UUID unit) {}

    /** A reservation and its holding. */
    record Taken(BudgetPermit.Reserved reservation, Grant grant) {}

    private final Deque<UUID> free = new ArrayDeque<>();
    private final Deque<UUID> idleUnits = new ArrayDeque<>();
    private int busyUnits;
    /** Units lent to a settlement in progress ({@link #takeIdleUnits}), neither idle nor busy until it ends. */
    private int lentUnits;
    /** Slots handed to reservations since the last settlement: how many the next one leases ahead. */
    private int handedOut;

    private Instant grantingUntil = Instant.MIN;
    private Instant lastSeen = Instant.MIN;
    private boolean stopped;

    /** Whether a reservation may be taken from here at {@code now} (or at the latest time seen, if later). */
    boolean granting(Instant now) {
        if (now.isAfter(lastSeen)) {
            lastSeen = now;
        }
        return !stopped && lastSeen.isBefore(grantingUntil);
    }

    /** Concurrency units held and idle: as many jobs as could start from here. */
    int idleUnits() {
        return idleUnits.size();
    }

    /** Slots leased and not handed to a job. */
    int freeSlots() {
        return free.size();
    }

    /** Slots handed to reservations from here since the last settlement. */
    int handedOut() {
        return handedOut;
    }

    /** A reservation of {@code slots} slots from here, with one of the idle units, if the lease grants and holds them. */
    Optional<Taken> take(String organizationId, ZohoProduct product, int slots, Instant now) {
        if (!granting(now) || idleUnits.isEmpty() || free.size() < slots) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            ids.add(free.poll().toString());
        }
        UUID unit = idleUnits.poll();
        busyUnits++;
        handedOut += slots;
        return Optional.of(new Taken(new BudgetPermit.Reserved(organizationId, product, ids), new Grant(this, unit)));
    }

    /**
     * An idle unit for one call outside any job's reservation (the check before a hand link), if the lease grants and holds
     * one: the instance's own concurrency, so the call is not refused for units only its lease keeps idle. It ends as a
     * job's holding does ({@link #ended}).
     */
    Optional<Grant> borrow(Instant now) {
        if (!granting(now) || idleUnits.isEmpty()) {
            return Optional.empty();
        }
        busyUnits++;
        return Optional.of(new Grant(this, idleUnits.poll()));
    }

    /**
     * Up to {@code max} idle units, lent to reservations a settlement decides (they need slots the lease lacks): each
     * {@link #joinedLent joined} by the one granted, or back {@link #idle} or {@link #forget forgotten} otherwise.
     */
    List<UUID> takeIdleUnits(int max) {
        List<UUID> units = new ArrayList<>();
        while (units.size() < max && !idleUnits.isEmpty()) {
            units.add(idleUnits.poll());
        }
        lentUnits += units.size();
        return units;
    }

    /** A reservation decided by the database under a unit of its own joins the lease: the unit comes back here. */
    Grant joined(UUID unit) {
        busyUnits++;
        return new Grant(this, unit);
    }

    /** A reservation decided by the database under a unit lent from here. */
    Grant joinedLent(UUID unit) {
        lentUnits--;
        return joined(unit);
    }

    /** Units lent and not used: idle here again. */
    void idle(List<UUID> units) {
        lentUnits -= units.size();
        idleUnits.addAll(units);
    }

    /** Units lent and not used that go back to the database instead. */
    void forget(List<UUID> units) {
        lentUnits -= units.size();
    }

    /**
     * Slots leased ahead, and the lease's life renewed for {@code life} from {@code now} (or from the latest time seen,
     * if later): the database has just counted everything, so a stopped lease grants again.
     */
    void renew(List<UUID> slots, Instant now, Duration life) {
        granting(now);
        free.addAll(slots);
        handedOut = 0;
        stopped = false;
        Instant until = lastSeen.plus(life);
        if (until.isAfter(grantingUntil)) {
            grantingUntil = until;
        }
    }

    /**
     * The lease grants no more, and keeps nothing a job gives back (Zoho blocked the account, or its count of the day
     * leaves less than is leased), until a settlement renews it.
     */
    void stop() {
        stopped = true;
        handedOut = 0;
    }

    /**
     * A job holding {@code unit} has ended and left {@code unused} slots: true when they are kept here, idle until a
     * reservation takes them or a settlement gives them back; false when the lease grants no more (stopped, or its
     * life is over at the latest time seen) and the caller must give them back to the database, the unit with them.
     */
    boolean ended(UUID unit, List<UUID> unused) {
        busyUnits--;
        if (stopped || !lastSeen.isBefore(grantingUntil)) {
            return false;
        }
        idleUnits.add(unit);
        free.addAll(unused);
        return true;
    }

    /** Whether anything is idle here (to give back when the lease stops granting). */
    boolean hasIdle() {
        return !idleUnits.isEmpty() || !free.isEmpty();
    }

    /** Takes out everything idle (units and slots), for the database to delete. */
    List<UUID> takeIdle() {
        List<UUID> idle = new ArrayList<>(idleUnits);
        idle.addAll(free);
        idleUnits.clear();
        free.clear();
        return idle;
    }

    /** Whether nothing is held here any more: no idle unit or slot, none lent, no running job. */
    boolean empty() {
        return busyUnits == 0 && lentUnits == 0 && !hasIdle();
    }
}
