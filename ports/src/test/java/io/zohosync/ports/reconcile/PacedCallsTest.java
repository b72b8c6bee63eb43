package io.zohosync.ports.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.reconcile.ReconcilePace;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation takes the budget only when the sync leaves it: with sync jobs due and the budget nearly spent, its
 * call waits — the due jobs' calls stay free — and it goes once the queue is served; it gives up after its patience.
 */
class PacedCallsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T05:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final FakeBudget budget = new FakeBudget();
    private final FakeQueue queue = new FakeQueue();
    private final List<Instant> pauses = new ArrayList<>();
    private final AtomicInteger zohoCalls = new AtomicInteger();

    private PacedCalls paced(Duration patience) {
        return new PacedCalls(
                budget,
                queue,
                at -> {
                    pauses.add(at);
                    clock.advance(Duration.between(clock.instant(), at));
                    // meanwhile the worker served the due jobs with the calls reconciliation left them
                    queue.due = Math.max(0, queue.due - budget.free);
                    return Future.succeededFuture();
                },
                clock,
                patience);
    }

    private Future<ZohoOutcome<String>> zoho() {
        zohoCalls.incrementAndGet();
        return Future.succeededFuture(new ZohoOutcome.Success<>("page"));
    }

    @Test
    void withSyncJobsDueAndTheBudgetNearItsLimitReconciliationWaitsUntilTheyAreServed() throws Exception {
        budget.free = 2; // two calls left in the minute
        queue.due = 3; // and three sync jobs due
        PacedCalls calls = paced(Duration.ofMinutes(10));

        ZohoOutcome<String> outcome = await(calls.call(this::zoho));

        assertThat(outcome).isEqualTo(new ZohoOutcome.Success<>("page"));
        // it waited while the three due jobs needed more than the two free calls, reserving nothing meanwhile; with
        // one job left and two free, it took the one the job did not need
        assertThat(pauses).containsExactly(T0.plus(ReconcilePace.BUSY_RETRY));
        assertThat(budget.reserved).containsExactly(1);
        assertThat(budget.finished).isEqualTo(1);
        assertThat(zohoCalls).hasValue(1);
        assertThat(calls.made()).isEqualTo(1);
    }

    @Test
    void aSpentMinuteIsWaitedOutUntilTheBudgetReopens() throws Exception {
        budget.free = 0;
        budget.retryAt = T0.plusSeconds(40);
        queue.due = 0;
        budget.afterPause = 5;
        PacedCalls calls = paced(Duration.ofMinutes(10));
        assertThat(await(calls.call(this::zoho))).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(pauses).containsExactly(T0.plusSeconds(40));
    }

    @Test
    void aQueueThatNeverLeavesRoomEndsTheCallWithoutCallingZoho() throws Exception {
        budget.free = 1;
        queue.due = 1_000;
        PacedCalls calls = paced(Duration.ofSeconds(5));
        ZohoOutcome<String> outcome = await(calls.call(this::zoho));
        assertThat(outcome).isInstanceOf(ZohoOutcome.RateLimited.class);
        assertThat(PacedCalls.failure(outcome))
                .hasValueSatisfying(m -> assertThat(m).contains("the sync left no API budget for reconciliation"));
        assertThat(zohoCalls).hasValue(0);
        assertThat(budget.reserved).isEmpty();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private final class FakeBudget implements ZohoCallBudget {
        int free;
        Instant retryAt = T0;
        int afterPause = -1;
        final List<Integer> reserved = new ArrayList<>();
        int finished;

        @Override
        public Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now) {
            reserved.add(calls);
            return Future.succeededFuture(new BudgetPermit.Reserved("org", product, List.of("slot")));
        }

        @Override
        public Future<Void> finish(BudgetPermit.Reserved reservation) {
            finished++;
            return Future.succeededFuture();
        }

        @Override
        public Future<ZohoBudget.Headroom> headroom(Set<ZohoProduct> products, Instant now) {
            if (afterPause >= 0 && !pauses.isEmpty()) {
                free = afterPause;
            }
            return Future.succeededFuture(new ZohoBudget.Headroom(free, retryAt));
        }

        @Override
        public void onFreed(Runnable listener) {}
    }

    private static final class FakeQueue implements SyncHealthReader {
        long due;

        @Override
        public Future<Activity> activity(Instant now) {
            return Future.succeededFuture(new Activity(Map.of(), due, null, null));
        }

        @Override
        public Future<List<Linked>> sample(int size) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<StoredConnection> connection(String connectionId) {
            return Future.succeededFuture(new StoredConnection(true, false, null));
        }
    }
}
