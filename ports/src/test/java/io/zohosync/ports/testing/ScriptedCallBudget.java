package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A {@link ZohoCallBudget} for use-case tests: grants every reservation unless told to refuse, reports the headroom
 * it is given (room for any number of jobs by default), and records what was reserved and finished, in order.
 */
public final class ScriptedCallBudget implements ZohoCallBudget {

    private final List<String> events = new ArrayList<>();
    private BudgetPermit.Denied refusal;
    private ZohoBudget.Headroom headroom = new ZohoBudget.Headroom(Integer.MAX_VALUE, Instant.EPOCH);

    /** Refuses reservations with {@code denied} until {@link #allow}. */
    public synchronized void refuse(BudgetPermit.Denied denied) {
        refusal = denied;
    }

    public synchronized void allow() {
        refusal = null;
    }

    public synchronized void headroom(ZohoBudget.Headroom room) {
        headroom = room;
    }

    /** "reserve BOOKS 2", "refused BOOKS 2", "finish BOOKS 2", "headroom BOOKS" (the products asked of), in order. */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now) {
        if (refusal != null) {
            events.add("refused " + product + " " + calls);
            return Future.succeededFuture(refusal);
        }
        events.add("reserve " + product + " " + calls);
        return Future.succeededFuture(new BudgetPermit.Reserved(
                "org",
                product,
                IntStream.range(0, calls)
                        .mapToObj(i -> UUID.randomUUID().toString())
                        .toList()));
    }

    @Override
    public synchronized Future<Void> finish(BudgetPermit.Reserved reservation) {
        events.add(
                "finish " + reservation.product() + " " + reservation.slotIds().size());
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<ZohoBudget.Headroom> headroom(Set<ZohoProduct> products, Instant now) {
        events.add("headroom " + products.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        return Future.succeededFuture(headroom);
    }

    /** Nothing here frees a slot: the listener is never called. */
    @Override
    public void onFreed(Runnable listener) {}
}
