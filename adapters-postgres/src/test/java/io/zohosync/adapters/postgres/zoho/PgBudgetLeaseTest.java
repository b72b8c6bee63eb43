package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The budget's leases (issue 14): an instance hands reservations to its jobs from what it leased, without the
 * database, while the database counts all it holds, so that no instance can take what another holds.
 */
@ExtendWith(VertxExtension.class)
class PgBudgetLeaseTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration ALIVE_FOR = Duration.ofSeconds(6);
    private static final ZohoApiLimits ROOMY = new ZohoApiLimits(1000, 10000, 10);

    private Pool pool;
    private Pool otherPool;
    private ZohoBudget budget;
    private ZohoBudget other;
    private String org;

    @BeforeEach
    void start(Vertx vertx) {
        pool = PostgresFixture.shared().pool(vertx);
        otherPool = PostgresFixture.shared().pool(vertx);
        budget = ZohoPostgres.budget(pool, "instance-" + UUID.randomUUID(), ALIVE_FOR);
        other = ZohoPostgres.budget(otherPool, "instance-" + UUID.randomUUID(), ALIVE_FOR);
        org = "org-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        pool.close().await();
        otherPool.close().await();
    }

    private List<BudgetPermit.Reserved> reserveAtOnce(
            ZohoBudget b, int n, int calls, ZohoApiLimits limits, Instant at) {
        List<BudgetPermit> permits = Future.all(IntStream.range(0, n)
                        .mapToObj(i -> b.reserve(org, ZohoProduct.BOOKS, limits, at, calls))
                        .toList())
                .await()
                .list();
        assertThat(permits).allMatch(p -> p instanceof BudgetPermit.Reserved);
        return permits.stream().map(p -> (BudgetPermit.Reserved) p).toList();
    }

    private void finishUnused(ZohoBudget b, List<BudgetPermit.Reserved> reservations) {
        for (BudgetPermit.Reserved r : reservations) {
            b.finish(r.slotIds().get(0), r.slotIds()).await();
        }
    }

    /** Rows: concurrency units, and slots counted and not drawn. */
    private List<Long> rows() {
        Row row = pool.preparedQuery("select count(*) filter (where holding) as units,"
                        + " count(*) filter (where counts and taken_at is null) as slots"
                        + " from zoho_api_permits where organization_id = $1")
                .execute(Tuple.of(org))
                .await()
                .iterator()
                .next();
        return List.of(row.getLong("units"), row.getLong("slots"));
    }

    @Test
    void reservations_come_from_the_lease_without_the_database_while_the_other_instance_sees_it_all_held() {
        List<BudgetPermit.Reserved> first = reserveAtOnce(budget, 10, 1, ROOMY, T0);
        // ten units, their ten slots, and slots leased ahead: as many as the last group asked for (the ten may have
        // been decided in more than one group)
        List<Long> held = rows();
        assertThat(held.get(0)).isEqualTo(10L);
        assertThat(held.get(1)).isBetween(11L, 20L);
        finishUnused(budget, first);
        // kept in the lease, idle: still counted, so the other instance has no concurrency left
        assertThat(rows()).isEqualTo(held);
        assertThat(other.headroom(org, ZohoProduct.BOOKS, ROOMY, T0).await().free())
                .isZero();
        assertThat(budget.headroom(org, ZohoProduct.BOOKS, ROOMY, T0).await())
                .isEqualTo(new ZohoBudget.Headroom(10, T0));

        // the next ten come from the lease: not a row more
        Instant later = T0.plusMillis(500);
        List<BudgetPermit.Reserved> second = reserveAtOnce(budget, 10, 1, ROOMY, later);
        assertThat(rows()).isEqualTo(held);
        assertThat(second.stream().flatMap(r -> r.slotIds().stream()).distinct())
                .hasSize(10);

        // once its life is over, the lease keeps what its jobs give back only until it settles
        finishUnused(budget, second);
        budget.heartbeat(T0.plusSeconds(2)).await();
        assertThat(rows()).containsExactly(0L, 0L);
        assertThat(other.headroom(org, ZohoProduct.BOOKS, ROOMY, T0.plusSeconds(2))
                        .await())
                .isEqualTo(new ZohoBudget.Headroom(10, T0.plusSeconds(2)));
    }

    @Test
    void a_call_outside_any_job_runs_under_a_unit_the_lease_keeps_idle_and_leaves_it_there() {
        finishUnused(budget, reserveAtOnce(budget, 10, 1, ROOMY, T0));
        List<Long> held = rows();
        assertThat(held.get(0)).isEqualTo(10L);
        // every unit of the limit is idle in this instance's lease: an admin's read is not refused for them
        Instant later = T0.plusMillis(100);
        BudgetPermit permit =
                budget.acquire(org, ZohoProduct.BOOKS, ROOMY, later).await();
        assertThat(permit).isInstanceOf(BudgetPermit.Granted.class);
        // the call's unit is busy: one job fewer can start from the lease; the database holds no unit more
        assertThat(budget.headroom(org, ZohoProduct.BOOKS, ROOMY, later).await())
                .isEqualTo(new ZohoBudget.Headroom(9, later));
        assertThat(rows().get(0)).isEqualTo(10L);
        // the other instance has no unit to borrow: refused for the concurrency the lease holds
        assertThat(other.acquire(org, ZohoProduct.BOOKS, ROOMY, later).await())
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class,
                        denied -> assertThat(denied.scope()).isEqualTo(Scope.CONCURRENCY));

        budget.release((BudgetPermit.Granted) permit).await();
        assertThat(budget.headroom(org, ZohoProduct.BOOKS, ROOMY, later).await())
                .isEqualTo(new ZohoBudget.Headroom(10, later));
        assertThat(rows().get(0)).isEqualTo(10L);

        // once the lease has lived, a unit a call ends under goes back to the database
        BudgetPermit late = budget.acquire(org, ZohoProduct.BOOKS, ROOMY, T0.plusMillis(900))
                .await();
        assertThat(late).isInstanceOf(BudgetPermit.Granted.class);
        budget.heartbeat(T0.plusSeconds(2)).await();
        assertThat(rows().get(0)).isEqualTo(1L);
        budget.release((BudgetPermit.Granted) late).await();
        assertThat(rows().get(0)).isZero();
    }

    @Test
    void a_lease_stops_granting_at_zohos_block_and_another_instances_block_reaches_it_within_its_life() {
        finishUnused(budget, reserveAtOnce(budget, 4, 1, ROOMY, T0));

        budget.block(org, ZohoProduct.BOOKS, Scope.MINUTE, T0.plusSeconds(30)).await();
        assertThat(budget.reserve(org, ZohoProduct.BOOKS, ROOMY, T0.plusMillis(100), 1)
                        .await())
                .isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, T0.plusSeconds(30)));

        // after the block, a new lease; the other instance's block is seen once it has lived its second
        Instant open = T0.plusSeconds(31);
        finishUnused(budget, reserveAtOnce(budget, 4, 1, ROOMY, open));
        other.block(org, ZohoProduct.BOOKS, Scope.MINUTE, open.plusSeconds(30)).await();
        assertThat(budget.reserve(org, ZohoProduct.BOOKS, ROOMY, open.plusMillis(500), 1)
                        .await())
                .isInstanceOf(BudgetPermit.Reserved.class);
        assertThat(budget.reserve(org, ZohoProduct.BOOKS, ROOMY, open.plusSeconds(1), 1)
                        .await())
                .isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, open.plusSeconds(30)));
    }

    /**
     * Books and Inventory share one account's counts and may have limits of their own: each has its lease, and one's
     * reservations or headroom leave the other's lease alone (the database counts both).
     */
    @Test
    void books_and_inventory_under_limits_of_their_own_each_keep_their_lease_on_the_shared_account() {
        ZohoApiLimits inventory = new ZohoApiLimits(500, 5000, 10);
        finishUnused(budget, reserveAtOnce(budget, 4, 1, ROOMY, T0));
        List<Long> held = rows();

        // Books' four idle units are counted in flight for Inventory
        assertThat(budget.headroom(org, ZohoProduct.INVENTORY, inventory, T0).await())
                .isEqualTo(new ZohoBudget.Headroom(6, T0));
        assertThat(budget.reserve(org, ZohoProduct.INVENTORY, inventory, T0, 1).await())
                .isInstanceOf(BudgetPermit.Reserved.class);
        assertThat(rows().get(0)).isEqualTo(held.get(0) + 1);

        // and Books' lease still hands out its four without the database
        List<Long> withInventory = rows();
        assertThat(budget.headroom(org, ZohoProduct.BOOKS, ROOMY, T0).await())
                .isEqualTo(new ZohoBudget.Headroom(4, T0));
        reserveAtOnce(budget, 4, 1, ROOMY, T0.plusMillis(10));
        assertThat(rows()).isEqualTo(withInventory);
    }

    /**
     * An instance whose heartbeat lapsed may have had its units and slots deleted by another's prune: once it finds
     * out, it gives its leases up, and a job that ran through the lapse never hands its deleted unit on, even to a
     * lease renewed since.
     */
    @Test
    void an_instance_taken_for_dead_gives_up_its_leases_and_hands_no_deleted_unit_on() {
        BudgetPermit.Reserved throughTheLapse =
                reserveAtOnce(budget, 1, 1, ROOMY, T0).get(0);
        // seven seconds without a heartbeat: the other instance prunes what this one reserved and did not draw
        Instant lapsed = T0.plusSeconds(7);
        reserveAtOnce(other, 1, 1, ROOMY, lapsed);
        reserveAtOnce(budget, 1, 1, ROOMY, lapsed);
        reserveAtOnce(budget, 1, 1, ROOMY, lapsed.plusMillis(100));
        budget.finish(throughTheLapse.slotIds().get(0), List.of()).await();

        reserveAtOnce(budget, 1, 1, ROOMY, lapsed.plusMillis(200));
        // four reservations run (one of the other instance's, three of this one's): four units counted in flight
        assertThat(rows().get(0)).isEqualTo(4L);
    }

    @Test
    void no_lease_is_taken_ahead_when_the_windows_are_nearly_full() {
        ZohoApiLimits tight = new ZohoApiLimits(10, 10000, 10);
        reserveAtOnce(budget, 4, 1, tight, T0);
        // at most 9 left in the minute after any of them: a tenth of it is no slot
        assertThat(rows()).containsExactly(4L, 4L);
    }

    /**
     * Two instances reserving, drawing and finishing in rounds for two seconds never hold more reservations at once
     * than the concurrency limit, and never grant more slots in the minute than it holds.
     */
    @Test
    void two_instances_leasing_in_rounds_never_take_more_than_the_limits_hold() {
        ZohoApiLimits limits = new ZohoApiLimits(200, 10000, 6);
        Random random = new Random(14);
        List<BudgetPermit.Reserved> running = new ArrayList<>();
        List<ZohoBudget> owners = new ArrayList<>();
        int granted = 0;
        for (int round = 0; round < 20; round++) {
            Instant now = T0.plusMillis(100L * round);
            // each round ends about half of what runs, each having drawn its first slot
            for (int i = running.size() - 1; i >= 0; i--) {
                if (random.nextBoolean()) {
                    BudgetPermit.Reserved r = running.remove(i);
                    ZohoBudget owner = owners.remove(i);
                    owner.draw(r, r.slotIds().get(0), now).await();
                    owner.finish(
                                    r.slotIds().get(0),
                                    r.slotIds().subList(1, r.slotIds().size()))
                            .await();
                }
            }
            List<Future<BudgetPermit>> asked = new ArrayList<>();
            List<ZohoBudget> askers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ZohoBudget b = i % 2 == 0 ? budget : other;
                asked.add(b.reserve(org, ZohoProduct.BOOKS, limits, now, 1 + random.nextInt(3)));
                askers.add(b);
            }
            List<BudgetPermit> answers = Future.all(asked).await().list();
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i) instanceof BudgetPermit.Reserved r) {
                    running.add(r);
                    owners.add(askers.get(i));
                    granted += r.slotIds().size();
                }
            }
            assertThat(running).hasSizeLessThanOrEqualTo(6);
            assertThat(granted).isLessThanOrEqualTo(200);
        }
        assertThat(granted).isGreaterThan(20);
    }
}
