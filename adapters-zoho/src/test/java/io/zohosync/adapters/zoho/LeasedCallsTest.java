package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14, goal 2: jobs take their calls out of a lease this instance holds, in memory; the shared budget is asked
 * once per lease, not once per job, and what the jobs did not use goes back when none runs.
 */
@ExtendWith(VertxExtension.class)
class LeasedCallsTest {

    private static final ZohoApiLimits LIMITS = new ZohoApiLimits(100, 10_000, 5);
    private SandboxFixture fx;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    /** The in-memory budget, counting what the instance asks of it. */
    private ZohoBudget counted(ZohoBudget budget) {
        return (ZohoBudget) Proxy.newProxyInstance(
                ZohoBudget.class.getClassLoader(), new Class<?>[] {ZohoBudget.class}, (proxy, method, args) -> {
                    asked.computeIfAbsent(method.getName(), k -> new AtomicInteger())
                            .incrementAndGet();
                    try {
                        return method.invoke(budget, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private int asked(String method) {
        return asked.getOrDefault(method, new AtomicInteger()).get();
    }

    private void start(Vertx vertx, ZohoApiLimits limits) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withTimeScale(1e-9).withBooksPerMinute(1000).withDailyLimit(10_000),
                s -> s.limits(ZohoProduct.BOOKS, limits),
                counted(ZohoAdapters.inMemoryBudget()));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void five_jobs_reserve_out_of_one_lease_and_the_unused_slots_go_back_when_none_runs(Vertx vertx) {
        start(vertx, LIMITS);
        ZohoCallBudget budget = fx.zoho.callBudget();
        Instant now = fx.clock.instant();
        List<BudgetPermit> jobs = Future.all(IntStream.range(0, 5)
                        .mapToObj(i -> budget.reserve(ZohoProduct.BOOKS, 2, now))
                        .toList())
                .<BudgetPermit>await()
                .list();

        assertThat(jobs).allSatisfy(p -> assertThat(p).isInstanceOf(BudgetPermit.Reserved.class));
        assertThat(asked("lease")).as("one lease for the five jobs").isEqualTo(1);
        assertThat(asked("reserve"))
                .as("no reservation of the shared budget per job")
                .isZero();
        assertThat(budget.reserve(ZohoProduct.BOOKS, 2, now).await())
                .as("a sixth job: the five concurrency slots are the five jobs'")
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class,
                        d -> assertThat(d.scope()).isEqualTo(ZohoOutcome.RateLimited.Scope.CONCURRENCY));

        for (int i = 0; i < 5; i++) {
            assertThat(fx.zoho.contacts().findByEmail("nobody@example.com").await())
                    .isInstanceOf(ZohoOutcome.Success.class);
        }
        assertThat(asked("draw")).as("each call draws a leased slot").isEqualTo(5);
        assertThat(asked("acquire")).as("no permit of its own").isZero();
        for (BudgetPermit job : jobs) {
            budget.finish((BudgetPermit.Reserved) job).await();
        }
        assertThat(asked("giveBack"))
                .as("the lease goes back once, when no job runs")
                .isEqualTo(1);

        // the five calls made still count, the unused slots and every concurrency slot are free again
        assertThat(budget.headroom(Set.of(ZohoProduct.BOOKS), now).await().free())
                .isEqualTo(5);
    }

    @Test
    void under_a_tight_minute_a_lease_takes_no_more_than_the_window_holds(Vertx vertx) {
        ZohoApiLimits tight = new ZohoApiLimits(6, 10_000, 5);
        start(vertx, tight);
        ZohoCallBudget budget = fx.zoho.callBudget();
        Instant now = fx.clock.instant();
        BudgetPermit a = budget.reserve(ZohoProduct.BOOKS, 2, now).await();
        BudgetPermit b = budget.reserve(ZohoProduct.BOOKS, 2, now).await();
        BudgetPermit c = budget.reserve(ZohoProduct.BOOKS, 2, now).await();
        assertThat(List.of(a, b, c)).allSatisfy(p -> assertThat(p).isInstanceOf(BudgetPermit.Reserved.class));
        assertThat(budget.reserve(ZohoProduct.BOOKS, 2, now).await())
                .as("six slots promised: the minute is full")
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class,
                        d -> assertThat(d.scope()).isEqualTo(ZohoOutcome.RateLimited.Scope.MINUTE));
        for (int i = 0; i < 6; i++) {
            assertThat(fx.zoho.contacts().findByEmail("nobody@example.com").await())
                    .isInstanceOf(ZohoOutcome.Success.class);
        }
        assertThat(fx.sandbox.inspect().tooManyRequests()).isZero();
    }
}
