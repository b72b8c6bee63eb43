package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.sync.Dependants;
import io.zohosync.ports.sync.SyncRunner;
import io.zohosync.ports.sync.SyncWorker;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.testing.InMemorySyncStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13, defect 7: a hundred new customers synced by the real worker and runner through the adapter to the
 * sandbox under a tight per-minute allowance, the clocks standing still but for the waits the budget names. With
 * reservations each customer costs its two calls (the email search and the create); with every call taking its own
 * permit, as before, a refusal between the search and the create made the job search again.
 */
@ExtendWith(VertxExtension.class)
class ReservedCallsTest {

    private static final int CUSTOMERS = 100;
    private static final ZohoApiLimits TIGHT = new ZohoApiLimits(15, 10_000, 5);
    private static final double STANDING_STILL = 1e-9;
    private SandboxFixture fx;

    private void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withTimeScale(STANDING_STILL).withBooksPerMinute(100).withDailyLimit(10_000),
                s -> s.limits(ZohoProduct.BOOKS, TIGHT),
                ZohoAdapters.inMemoryBudget());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void reserved_jobs_make_exactly_the_calls_they_need_under_a_tight_minute(Vertx vertx) {
        start(vertx);
        int calls = syncAll(fx.zoho.callBudget());
        System.out.printf("%d new customers, %s: %d Books calls with reservations%n", CUSTOMERS, TIGHT, calls);

        assertThat(calls).isEqualTo(2 * CUSTOMERS);
        assertThat(fx.sandbox.inspect().tooManyRequests()).isZero();
    }

    @Test
    void without_reservations_a_refusal_between_a_jobs_calls_repeats_them(Vertx vertx) {
        start(vertx);
        int calls = syncAll(perCallPermits(fx.zoho.callBudget()));
        System.out.printf(
                "%d new customers, %s: %d Books calls, each taking its own permit%n", CUSTOMERS, TIGHT, calls);

        assertThat(calls).isGreaterThan(2 * CUSTOMERS);
        assertThat(fx.sandbox.inspect().tooManyRequests()).isZero();
    }

    @Test
    void a_jobs_calls_use_its_reserved_slots_and_what_it_did_not_use_is_given_back(Vertx vertx) {
        start(vertx);
        ZohoCallBudget budget = fx.zoho.callBudget();
        Instant now = fx.clock.instant();
        AtomicInteger freed = new AtomicInteger();
        budget.onFreed(freed::incrementAndGet);
        BudgetPermit.Reserved reserved = (BudgetPermit.Reserved)
                budget.reserve(ZohoProduct.BOOKS, 3, now).await();
        assertThat(budget.headroom(Set.of(ZohoProduct.BOOKS), now).await().free())
                .as("three reserved of fifteen, one of five slots held")
                .isEqualTo(4);

        fx.zoho.contacts().findByEmail("nobody@example.com").await();
        assertThat(freed).as("the call's end frees its slot").hasValue(1);
        budget.finish(reserved).await();
        assertThat(freed).as("and the job's end its reservation's").hasValue(2);

        // the call used a reserved slot and the two unused went back: 14 of 15 calls left, every slot free
        assertThat(budget.headroom(Set.of(ZohoProduct.BOOKS), now).await().free())
                .isEqualTo(5);
        for (int i = 0; i < 14; i++) {
            assertThat(fx.zoho.contacts().findByEmail("nobody@example.com").await())
                    .isInstanceOf(ZohoOutcome.Success.class);
        }
        assertThat(fx.zoho.contacts().findByEmail("nobody@example.com").await())
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        limited -> assertThat(limited.scope()).isEqualTo(ZohoOutcome.RateLimited.Scope.MINUTE));
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(15);
    }

    @Test
    void a_call_beyond_a_jobs_reservation_runs_under_the_jobs_own_slot_even_at_one_call_at_once(Vertx vertx) {
        ZohoApiLimits oneAtOnce = new ZohoApiLimits(3, 10_000, 1);
        fx = SandboxFixture.start(
                vertx,
                o -> o.withTimeScale(STANDING_STILL).withBooksPerMinute(100).withDailyLimit(10_000),
                s -> s.limits(ZohoProduct.BOOKS, oneAtOnce),
                ZohoAdapters.inMemoryBudget());
        ZohoCallBudget budget = fx.zoho.callBudget();
        Instant now = fx.clock.instant();
        BudgetPermit.Reserved job = (BudgetPermit.Reserved)
                budget.reserve(ZohoProduct.BOOKS, 1, now).await();

        assertThat(fx.zoho.contacts().findByEmail("ada@example.com").await())
                .as("the planned call, on the reserved slot")
                .isInstanceOf(ZohoOutcome.Success.class);
        // e.g. the marker search after Zoho refused the create as a duplicate: no other call is in flight, and
        // the one concurrency slot is the job's own; it used to be refused for concurrency on every run, for ever
        assertThat(fx.zoho.contacts().findByEmail("ada@example.com").await())
                .as("a call the job did not plan")
                .isInstanceOf(ZohoOutcome.Success.class);
        assertThat(budget.headroom(Set.of(ZohoProduct.BOOKS), now).await().free())
                .as("the job still holds the one slot")
                .isZero();
        budget.finish(job).await();

        // the unplanned call counted in the minute like any other: one of three left
        assertThat(budget.headroom(Set.of(ZohoProduct.BOOKS), now).await().free())
                .isEqualTo(1);
        assertThat(fx.zoho.contacts().findByEmail("ada@example.com").await()).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(fx.zoho.contacts().findByEmail("ada@example.com").await())
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        limited -> assertThat(limited.scope()).isEqualTo(ZohoOutcome.RateLimited.Scope.MINUTE));
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(3);
    }

    /** The Books calls the sandbox counted to sync every customer. */
    private int syncAll(ZohoCallBudget budget) {
        InMemorySyncStore store = new InMemorySyncStore();
        SyncStateMachine machine = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(13));
        CustomerBooksHandler handler = new CustomerBooksHandler(fx.zoho.contacts(), MatchPolicy.DEFAULT);
        SyncObserver quiet = (key, status, event) -> {};
        SyncRunner runner = new SyncRunner(
                new Handlers(List.of(handler)), store, store, store, budget, SyncRunner.Settings.DEFAULT);
        SyncWorker worker = new SyncWorker(
                store,
                budget,
                new Dependants(store, machine, quiet),
                runner,
                quiet,
                machine,
                fx.clock,
                new SyncWorker.Settings(5, Duration.ofMinutes(2)));
        IntakeService intake = new IntakeService(
                store,
                List.of(handler.mapping()),
                new Routing(Map.of(EntityType.CUSTOMER, List.of(SyncTarget.BOOKS))),
                machine,
                fx.clock);
        List<SyncKey> keys = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String id = "cus-" + i;
            intake.record(new Command(
                            EntityType.CUSTOMER,
                            id,
                            Map.of("first_name", "Ada", "last_name", "Customer " + i, "email", id + "@example.com"),
                            null,
                            null))
                    .await();
            keys.add(new SyncKey(EntityType.CUSTOMER, id, SyncTarget.BOOKS));
        }
        for (int pass = 0; pass < 10_000; pass++) {
            SyncWorker.Drained drained = worker.drainOnce("w").await();
            if (drained.ran() > 0) {
                continue;
            }
            List<SyncRecordView> open = Future.all(
                            keys.stream().map(store::find).toList())
                    .await()
                    .list()
                    .stream()
                    .map(found -> ((java.util.Optional<SyncRecordView>) found).orElseThrow())
                    .filter(view -> view.status() != SyncStatus.SYNCED)
                    .toList();
            if (open.isEmpty()) {
                return fx.sandbox.inspect().calls("GET /books/v3/contacts")
                        + fx.sandbox.inspect().calls("POST /books/v3/contacts");
            }
            Instant next = open.stream()
                    .map(SyncRecordView::nextRunAt)
                    .min(Instant::compareTo)
                    .orElseThrow();
            if (drained.budgetOpensAt() != null && drained.budgetOpensAt().isAfter(next)) {
                next = drained.budgetOpensAt();
            }
            Duration wait = Duration.between(fx.clock.instant(), next);
            fx.advance(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        }
        throw new AssertionError("the customers never all synced");
    }

    /** The budget as it was before reservations: no job reserves, every call takes its own permit, any job is claimed. */
    private static ZohoCallBudget perCallPermits(ZohoCallBudget budget) {
        return new ZohoCallBudget() {
            @Override
            public Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now) {
                return Future.failedFuture(new IllegalStateException("no reservations"));
            }

            @Override
            public Future<Void> finish(BudgetPermit.Reserved reservation) {
                return budget.finish(reservation);
            }

            @Override
            public Future<ZohoBudget.Headroom> headroom(Set<ZohoProduct> products, Instant now) {
                return Future.succeededFuture(new ZohoBudget.Headroom(Integer.MAX_VALUE, now));
            }

            @Override
            public void onFreed(Runnable listener) {
                budget.onFreed(listener);
            }
        };
    }
}
