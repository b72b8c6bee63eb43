package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.budget.Budget;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only a shared store shows: several instances on one database (the port's behaviour: {@link PgZohoBudgetContractTest}). */
@ExtendWith(VertxExtension.class)
class PgZohoBudgetTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    /** How long an instance's slots stay held after its last heartbeat (production: 3 heartbeats of 2 s). */
    private static final Duration ALIVE_FOR = Duration.ofSeconds(6);

    private Pool pool;
    private Pool otherInstance;
    private ZohoBudget budget;
    private ZohoBudget otherBudget;
    private String org;

    @BeforeEach
    void start(Vertx vertx) {
        pool = PostgresFixture.shared().pool(vertx);
        otherInstance = PostgresFixture.shared().pool(vertx);
        budget = ZohoPostgres.budget(pool, "instance-" + UUID.randomUUID(), ALIVE_FOR);
        otherBudget = ZohoPostgres.budget(otherInstance, "instance-" + UUID.randomUUID(), ALIVE_FOR);
        org = "org-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        pool.close().await();
        otherInstance.close().await();
    }

    private BudgetPermit take(ZohoBudget b, ZohoProduct product, ZohoApiLimits limits, Instant at) {
        return b.acquire(org, product, limits, at).await();
    }

    @Test
    void instances_share_the_windows_and_zohos_blocks_books_and_inventory_included() {
        ZohoApiLimits limits = new ZohoApiLimits(4, 1000, 100);
        for (int i = 0; i < 4; i++) {
            ZohoProduct product = i < 2 ? ZohoProduct.BOOKS : ZohoProduct.INVENTORY;
            assertThat(take(i % 2 == 0 ? budget : otherBudget, product, limits, T0.plusSeconds(i)))
                    .isInstanceOf(BudgetPermit.Granted.class);
        }

        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(10)))
                .isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, T0.plus(Budget.MINUTE)));
        assertThat(take(budget, ZohoProduct.BOOKS, limits, T0.plus(Budget.MINUTE)))
                .isInstanceOf(BudgetPermit.Granted.class);
        budget.block(org, ZohoProduct.INVENTORY, Scope.DAY, T0.plus(Duration.ofHours(1)))
                .await();
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(600)))
                .isEqualTo(new BudgetPermit.Denied(Scope.DAY, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void instances_racing_for_the_last_slots_never_take_more_than_the_minutes_limit() {
        ZohoApiLimits limits = new ZohoApiLimits(10, 1000, 100);
        List<BudgetPermit> permits = Future.all(IntStream.range(0, 30)
                        .mapToObj(i -> (i % 2 == 0 ? budget : otherBudget)
                                .acquire(org, i % 3 == 0 ? ZohoProduct.INVENTORY : ZohoProduct.BOOKS, limits, T0))
                        .toList())
                .await()
                .list();

        assertThat(permits).filteredOn(p -> p instanceof BudgetPermit.Granted).hasSize(10);
    }

    /**
     * Reservations asked for at once are decided in groups (one transaction each, issue 14): two instances racing
     * with 40 reservations of 1 to 3 calls get exactly what the windows and the concurrency hold, and each refusal
     * names the limit and moment it would name alone.
     */
    @Test
    void reservations_racing_in_groups_never_take_more_than_the_limits_hold() {
        ZohoApiLimits limits = new ZohoApiLimits(25, 1000, 12);
        List<Integer> calls = IntStream.range(0, 40).mapToObj(i -> 1 + i % 3).toList();
        List<BudgetPermit> permits = Future.all(IntStream.range(0, 40)
                        .mapToObj(i -> (i % 2 == 0 ? budget : otherBudget)
                                .reserve(org, ZohoProduct.BOOKS, limits, T0, calls.get(i)))
                        .toList())
                .await()
                .list();

        List<BudgetPermit.Reserved> granted = permits.stream()
                .filter(p -> p instanceof BudgetPermit.Reserved)
                .map(p -> (BudgetPermit.Reserved) p)
                .toList();
        int slots = granted.stream().mapToInt(r -> r.slotIds().size()).sum();
        assertThat(granted.size()).isLessThanOrEqualTo(12);
        assertThat(slots).isLessThanOrEqualTo(25);
        // full: no refused reservation would have fitted beside the granted ones
        for (int i = 0; i < permits.size(); i++) {
            if (permits.get(i) instanceof BudgetPermit.Denied denied) {
                assertThat(granted.size() == 12 || slots + calls.get(i) > 25)
                        .as(
                                "refused %s for %d calls beside %d reservations of %d slots",
                                denied, calls.get(i), granted.size(), slots)
                        .isTrue();
                assertThat(denied)
                        .isIn(
                                new BudgetPermit.Denied(Scope.MINUTE, T0.plus(Budget.MINUTE)),
                                new BudgetPermit.Denied(Scope.CONCURRENCY, T0.plus(Budget.SLOT_RETRY)));
            }
        }
        // a row per slot and one per reservation's concurrency unit, besides the slots each instance's lease took
        // ahead (2 at most: a tenth of the room left), given back once the leases settle
        List<Long> rows = permitRows();
        assertThat(rows.subList(0, 2)).containsExactly(0L, (long) granted.size());
        assertThat(rows.get(2)).isBetween((long) slots, slots + 4L);
        Instant settled = T0.plus(Duration.ofSeconds(2));
        budget.heartbeat(settled).await();
        otherBudget.heartbeat(settled).await();
        assertThat(permitRows()).containsExactly(0L, (long) granted.size(), (long) slots);
    }

    /**
     * Reservations asked for on several event loops at once share groups, and each is answered on the context it was
     * asked on: the job that asked goes on there, not on the loop that happened to start its group's transaction.
     */
    @Test
    void a_reservation_decided_in_anothers_group_is_answered_on_its_own_context(Vertx vertx) {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 100);
        List<io.vertx.core.Context> contexts =
                IntStream.range(0, 4).mapToObj(i -> vertx.getOrCreateContext()).toList();
        List<Future<Boolean>> onTheirOwn = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            io.vertx.core.Context asker = contexts.get(i % contexts.size());
            io.vertx.core.Promise<Boolean> same = io.vertx.core.Promise.promise();
            asker.runOnContext(x -> budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 1)
                    .onComplete(answer -> same.complete(answer.succeeded() && Vertx.currentContext() == asker)));
            onTheirOwn.add(same.future());
        }

        assertThat(Future.all(onTheirOwn).await().<Boolean>list()).containsOnly(true);
    }

    /**
     * Reservations decided together under Zoho's own count of the day take no more than it leaves: 30 remaining with
     * 5 calls possibly in flight unseen leave 30 + 1 - 4 = 27 calls, so two reservations of 10 fit and no third.
     */
    @Test
    void reservations_decided_together_take_no_more_than_zohos_count_leaves() {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 5);
        budget.zohoCount(org, ZohoProduct.BOOKS, new ZohoDayCount(30, T0, T0.plus(Duration.ofHours(2))))
                .await();

        List<BudgetPermit> permits = Future.all(IntStream.range(0, 20)
                        .mapToObj(i -> budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 10))
                        .toList())
                .await()
                .list();

        assertThat(permits.stream()
                        .filter(p -> p instanceof BudgetPermit.Reserved)
                        .mapToInt(p -> ((BudgetPermit.Reserved) p).slotIds().size())
                        .sum())
                .isEqualTo(20);
    }

    /**
     * Zoho's reports of its count, told at once from several event loops and in any order, are stored one at a time:
     * every caller is answered, on its own context, and the newest report is what the budget goes by.
     */
    @Test
    void reports_of_zohos_count_told_at_once_leave_the_newest_stored(Vertx vertx) {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 1);
        Instant reset = T0.plus(Duration.ofHours(2));
        List<io.vertx.core.Context> contexts =
                IntStream.range(0, 4).mapToObj(i -> vertx.getOrCreateContext()).toList();
        List<Integer> order =
                new java.util.ArrayList<>(IntStream.range(0, 60).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(14));
        List<Future<Boolean>> answered = new java.util.ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            int second = order.get(i);
            io.vertx.core.Context teller = contexts.get(i % contexts.size());
            io.vertx.core.Promise<Boolean> same = io.vertx.core.Promise.promise();
            // the later the call, the fewer calls left: the newest (second 59) leaves 5
            ZohoDayCount count = new ZohoDayCount(64 - second, T0.plusSeconds(second), reset);
            teller.runOnContext(x -> budget.zohoCount(org, ZohoProduct.BOOKS, count)
                    .onComplete(done -> same.complete(done.succeeded() && Vertx.currentContext() == teller)));
            answered.add(same.future());
        }

        assertThat(Future.all(answered).await().<Boolean>list()).containsOnly(true);
        assertThat(storedRemaining()).isEqualTo(5);
        // 5 left after the call at second 59, 1 at once: 6 calls fit, and no seventh, for either instance
        Instant later = T0.plusSeconds(60);
        assertThat(budget.reserve(org, ZohoProduct.BOOKS, limits, later, 6).await())
                .isInstanceOf(BudgetPermit.Reserved.class);
        assertThat(otherBudget.acquire(org, ZohoProduct.BOOKS, limits, later).await())
                .isInstanceOf(BudgetPermit.Denied.class);
    }

    /** A slot reserved but not yet drawn counts against Zoho's count even for a caller whose clock is behind the count's. */
    @Test
    void a_reserved_slot_counts_against_zohos_count_whatever_the_callers_clock() {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 1);
        Instant told = T0.plusSeconds(10);
        budget.zohoCount(org, ZohoProduct.BOOKS, new ZohoDayCount(3, told, T0.plus(Duration.ofHours(2))))
                .await();
        // 3 remaining, 1 at once: 4 calls fit
        BudgetPermit.Reserved three = (BudgetPermit.Reserved)
                budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 3).await();
        budget.finish(three.slotIds().get(0), List.of()).await();

        assertThat(budget.reserve(org, ZohoProduct.BOOKS, limits, T0.plusSeconds(1), 2)
                        .await())
                .isInstanceOf(BudgetPermit.Denied.class);
        assertThat(budget.reserve(org, ZohoProduct.BOOKS, limits, T0.plusSeconds(1), 1)
                        .await())
                .isInstanceOf(BudgetPermit.Reserved.class);
    }

    /** A request the budget cannot read fails alone; the account's next reservations are decided as ever. */
    @Test
    void a_bad_reservation_request_fails_alone_and_stops_nothing() throws Exception {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 100);

        assertThatThrownBy(() -> budget.reserve(org, ZohoProduct.BOOKS, limits, null, 1))
                .isInstanceOf(NullPointerException.class);
        assertThat(budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 1).await(10, TimeUnit.SECONDS))
                .isInstanceOf(BudgetPermit.Reserved.class);
    }

    /** A caller whose code throws on its answer loses nothing for the others decided in its group. */
    @Test
    void a_caller_failing_on_its_answer_loses_nothing_for_the_rest_of_its_group() throws Exception {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 100);
        Future<BudgetPermit> first = budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 1);
        Future<BudgetPermit> second = budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 1);
        second.onSuccess(x -> {
            throw new IllegalStateException("a caller's bug");
        });
        Future<BudgetPermit> third = budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 1);

        assertThat(first.await(10, TimeUnit.SECONDS)).isInstanceOf(BudgetPermit.Reserved.class);
        assertThat(third.await(10, TimeUnit.SECONDS)).isInstanceOf(BudgetPermit.Reserved.class);
    }

    /** A caller whose code throws on the answer to its report of Zoho's count stops no other report. */
    @Test
    void a_caller_failing_on_the_answer_to_its_report_stops_no_other_report() throws Exception {
        Instant reset = T0.plus(Duration.ofHours(2));
        List<Future<Void>> told = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Future<Void> report =
                    budget.zohoCount(org, ZohoProduct.BOOKS, new ZohoDayCount(100 - i, T0.plusSeconds(i), reset));
            if (i == 1) {
                report.onSuccess(x -> {
                    throw new IllegalStateException("a caller's bug");
                });
            }
            told.add(report);
        }
        Future.all(told).await(10, TimeUnit.SECONDS);

        budget.zohoCount(org, ZohoProduct.BOOKS, new ZohoDayCount(50, T0.plusSeconds(20), reset))
                .await(10, TimeUnit.SECONDS);
        assertThat(storedRemaining()).isEqualTo(50);
    }

    /** Zoho's count of the day as the database holds it for the test's organization. */
    private int storedRemaining() {
        return pool.preparedQuery("select remaining from zoho_api_day_counts where organization_id = $1")
                .execute(Tuple.of(org))
                .await()
                .iterator()
                .next()
                .getInteger("remaining");
    }

    /** A reservation decided beside others in one transaction still sees Zoho's 429 block and waits for it. */
    @Test
    void reservations_decided_together_wait_for_zohos_block() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 10);
        Instant until = T0.plusSeconds(30);
        otherBudget.block(org, ZohoProduct.INVENTORY, Scope.MINUTE, until).await();

        List<BudgetPermit> permits = Future.all(IntStream.range(0, 8)
                        .mapToObj(i -> budget.reserve(org, ZohoProduct.BOOKS, limits, T0, 1))
                        .toList())
                .await()
                .list();

        assertThat(permits).containsOnly(new BudgetPermit.Denied(Scope.MINUTE, until));
    }

    @Test
    void instances_racing_under_zohos_count_of_the_day_never_take_more_than_it_leaves() {
        ZohoApiLimits limits = new ZohoApiLimits(1000, 1000, 100);
        budget.release((BudgetPermit.Granted) take(budget, ZohoProduct.BOOKS, limits, T0))
                .await();
        Instant reset = T0.plus(Duration.ofHours(2));
        otherBudget
                .zohoCount(org, ZohoProduct.BOOKS, new ZohoDayCount(120, T0, reset))
                .await();

        List<BudgetPermit> permits = Future.all(IntStream.range(0, 60)
                        .mapToObj(i -> (i % 2 == 0 ? budget : otherBudget)
                                .acquire(org, ZohoProduct.BOOKS, limits, T0.plusSeconds(1 + i % 5)))
                        .toList())
                .await()
                .list();

        // 120 left after the call Zoho counted, less the 99 others that could have been in flight unseen
        assertThat(permits).filteredOn(p -> p instanceof BudgetPermit.Granted).hasSize(120 - 99);
        assertThat(permits)
                .filteredOn(p -> p instanceof BudgetPermit.Denied)
                .allSatisfy(p -> assertThat(p).isEqualTo(new BudgetPermit.Denied(Scope.DAY, reset)));
    }

    @Test
    void an_instance_that_stopped_heartbeating_holds_nothing_once_its_heartbeat_runs_out() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 2);
        ZohoBudget killed = ZohoPostgres.budget(pool, "killed-" + UUID.randomUUID(), ALIVE_FOR);
        take(killed, ZohoProduct.BOOKS, limits, T0);
        take(killed, ZohoProduct.BOOKS, limits, T0.plusSeconds(1));
        killed.reserve(org, ZohoProduct.BOOKS, limits, T0.plusSeconds(1), 5).await();
        // killed -9: neither released nor heartbeating any more

        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(6)))
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(7)))
                .isInstanceOf(BudgetPermit.Granted.class);
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(7)))
                .isInstanceOf(BudgetPermit.Granted.class);
        // its calls still count in the minute, the slots it reserved and never used do not
        assertThat(take(otherBudget, ZohoProduct.BOOKS, new ZohoApiLimits(4, 1000, 10), T0.plusSeconds(8)))
                .isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, T0.plus(Budget.MINUTE)));
    }

    @Test
    void
            a_job_killed_between_its_calls_at_one_call_at_once_holds_the_restarted_instance_back_only_until_its_heartbeat_runs_out() {
        ZohoApiLimits oneAtOnce = new ZohoApiLimits(95, 900, 1);
        ZohoBudget killed = ZohoPostgres.budget(pool, "killed-" + UUID.randomUUID(), ALIVE_FOR);
        // its customer job reserved the search and the create, made both, and was killed before it finished
        BudgetPermit.Reserved lost = (BudgetPermit.Reserved)
                killed.reserve(org, ZohoProduct.BOOKS, oneAtOnce, T0, 2).await();
        killed.draw(lost, lost.slotIds().get(0), T0).await();
        killed.draw(lost, lost.slotIds().get(1), T0.plusMillis(500)).await();

        // restarted on the same database: no room while the killed one's heartbeat runs, a look again every second
        Instant early = T0.plus(ALIVE_FOR).minusMillis(1);
        assertThat(otherBudget
                        .headroom(org, ZohoProduct.BOOKS, oneAtOnce, early)
                        .await())
                .isEqualTo(new ZohoBudget.Headroom(0, early.plus(Budget.SLOT_RETRY)));
        assertThat(otherBudget
                        .reserve(org, ZohoProduct.BOOKS, oneAtOnce, early, 3)
                        .await())
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        // then the record's new job reserves the marker search, the search and the create, and makes the first
        Instant restarted = T0.plus(ALIVE_FOR);
        assertThat(otherBudget
                        .headroom(org, ZohoProduct.BOOKS, oneAtOnce, restarted)
                        .await())
                .isEqualTo(new ZohoBudget.Headroom(1, restarted));
        BudgetPermit.Reserved again = (BudgetPermit.Reserved) otherBudget
                .reserve(org, ZohoProduct.BOOKS, oneAtOnce, restarted, 3)
                .await();
        otherBudget.draw(again, again.slotIds().get(0), restarted).await();

        // what the crash suite's ledger shows: 3 calls, the live job's concurrency unit, its 2 slots not drawn and
        // the 3 its instance's lease took ahead (as many as were asked for); the dead instance's unit and the slots
        // its lease took ahead were never drawn, and went once its heartbeat ran out
        assertThat(permitRows()).containsExactly(3L, 1L, 2L + 3L);
        Instant running = restarted.plusSeconds(1);
        assertThat(otherBudget
                        .headroom(org, ZohoProduct.BOOKS, oneAtOnce, running)
                        .await())
                .isEqualTo(new ZohoBudget.Headroom(0, running.plus(Budget.SLOT_RETRY)));
        otherBudget
                .finish(again.slotIds().get(0), again.slotIds().subList(1, 3))
                .await();
        assertThat(otherBudget
                        .headroom(org, ZohoProduct.BOOKS, oneAtOnce, running)
                        .await())
                .isEqualTo(new ZohoBudget.Headroom(1, running));
    }

    /** The account's calls made, rows flagged holding and slots reserved and not drawn, as the crash suite counts them. */
    private List<Long> permitRows() {
        Row row = pool.preparedQuery("select count(*) filter (where taken_at is not null) as calls,"
                        + " count(*) filter (where holding) as holding,"
                        + " count(*) filter (where taken_at is null and counts) as reserved"
                        + " from zoho_api_permits where organization_id = $1")
                .execute(Tuple.of(org))
                .await()
                .iterator()
                .next();
        return List.of(row.getLong("calls"), row.getLong("holding"), row.getLong("reserved"));
    }

    @Test
    void a_live_instance_keeps_its_slots_however_long_its_calls_run() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        BudgetPermit.Granted slow = (BudgetPermit.Granted) take(budget, ZohoProduct.BOOKS, limits, T0);
        for (int s = 2; s <= 300; s += 2) {
            budget.heartbeat(T0.plusSeconds(s)).await();
        }

        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(301)))
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        budget.release(slow).await();
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(301)))
                .isInstanceOf(BudgetPermit.Granted.class);
    }

    @Test
    void a_release_that_failed_is_retried_on_the_next_heartbeat_not_leaked() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        BudgetPermit.Granted permit = (BudgetPermit.Granted) take(budget, ZohoProduct.BOOKS, limits, T0);
        String fail = "fail_" + UUID.randomUUID().toString().replace("-", "");
        pool.query("create function " + fail + "() returns trigger language plpgsql as "
                        + "$$ begin raise exception 'the database is restarting'; end $$")
                .execute()
                .await();
        pool.query("create trigger " + fail + " before update on zoho_api_permits for each row when"
                        + " (old.organization_id = '" + org + "') execute function " + fail + "()")
                .execute()
                .await();
        try {
            assertThat(budget.release(permit).toCompletionStage().toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(10));
        } finally {
            pool.query("drop trigger " + fail + " on zoho_api_permits")
                    .execute()
                    .await();
            pool.query("drop function " + fail + "()").execute().await();
        }
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(1)))
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));

        budget.heartbeat(T0.plusSeconds(2)).await();
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(3)))
                .isInstanceOf(BudgetPermit.Granted.class);
    }
}
