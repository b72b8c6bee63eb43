package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.budget.Budget;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.BudgetPermit.Denied;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract suite of {@link ZohoBudget}: every implementation extends it and supplies the budget. Time is
 * passed in, so nothing waits; each test counts for organizations of its own.
 */
@ExtendWith(VertxExtension.class)
public abstract class ZohoBudgetContract {

    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    protected static final ZohoProduct BOOKS = ZohoProduct.BOOKS;
    /** How long a call counts against the minute and the day (the domain's windows). */
    protected static final Duration MINUTE = Budget.MINUTE;

    protected static final Duration DAY = Budget.DAY;
    protected ZohoBudget budget;
    protected String org;

    /** The implementation under test. */
    protected abstract ZohoBudget budget(Vertx vertx);

    @BeforeEach
    void startContract(Vertx vertx) {
        budget = budget(vertx);
        org = "org-" + UUID.randomUUID();
    }

    protected BudgetPermit take(ZohoProduct product, ZohoApiLimits limits, Instant at) {
        return budget.acquire(org, product, limits, at).await();
    }

    protected BudgetPermit.Granted granted(ZohoProduct product, ZohoApiLimits limits, Instant at) {
        BudgetPermit permit = take(product, limits, at);
        assertThat(permit).isInstanceOf(BudgetPermit.Granted.class);
        return (BudgetPermit.Granted) permit;
    }

    @Test
    void the_minute_slides_a_call_is_free_again_a_minute_after_it_was_made() {
        ZohoApiLimits limits = new ZohoApiLimits(3, 1000, 100);
        granted(BOOKS, limits, T0);
        granted(BOOKS, limits, T0.plusSeconds(10));
        granted(BOOKS, limits, T0.plusSeconds(20));

        assertThat(take(BOOKS, limits, T0.plusSeconds(30))).isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
        granted(BOOKS, limits, T0.plus(MINUTE));
        assertThat(take(BOOKS, limits, T0.plus(MINUTE).plusSeconds(1)))
                .isEqualTo(new Denied(Scope.MINUTE, T0.plusSeconds(10).plus(MINUTE)));
    }

    @Test
    void the_day_slides_a_call_is_free_again_a_day_after_it_was_made() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 3, 100);
        granted(BOOKS, limits, T0);
        granted(BOOKS, limits, T0.plus(Duration.ofHours(2)));
        granted(BOOKS, limits, T0.plus(Duration.ofHours(4)));

        assertThat(take(BOOKS, limits, T0.plus(Duration.ofHours(5)))).isEqualTo(new Denied(Scope.DAY, T0.plus(DAY)));
        granted(BOOKS, limits, T0.plus(DAY));
        assertThat(take(BOOKS, limits, T0.plus(DAY).plusSeconds(60)))
                .isEqualTo(new Denied(Scope.DAY, T0.plus(Duration.ofHours(2)).plus(DAY)));
    }

    @Test
    void a_permit_holds_a_slot_until_released_and_a_released_call_still_counts_against_the_windows() {
        ZohoApiLimits limits = new ZohoApiLimits(3, 1000, 2);
        BudgetPermit.Granted first = granted(BOOKS, limits, T0);
        granted(BOOKS, limits, T0);

        assertThat(take(BOOKS, limits, T0.plusSeconds(1)))
                .isEqualTo(new Denied(Scope.CONCURRENCY, T0.plusSeconds(1).plus(Budget.SLOT_RETRY)));
        budget.release(first).await();
        budget.release(first).await();
        granted(BOOKS, limits, T0.plusSeconds(2));
        assertThat(take(BOOKS, limits, T0.plusSeconds(3))).isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
    }

    @Test
    void releasing_a_permit_twice_frees_one_slot_only() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 2);
        BudgetPermit.Granted first = granted(BOOKS, limits, T0);
        granted(BOOKS, limits, T0);
        budget.release(first).await();
        budget.release(first).await();

        granted(BOOKS, limits, T0);
        assertThat(take(BOOKS, limits, T0))
                .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
    }

    @Test
    void a_429_from_zoho_closes_its_scope_until_the_latest_block_ends() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 10);
        budget.block(org, BOOKS, Scope.MINUTE, T0.plusSeconds(60)).await();
        budget.block(org, BOOKS, Scope.MINUTE, T0.plusSeconds(30)).await();

        assertThat(take(BOOKS, limits, T0.plusSeconds(59))).isEqualTo(new Denied(Scope.MINUTE, T0.plusSeconds(60)));
        granted(BOOKS, limits, T0.plusSeconds(60));
        budget.block(org, BOOKS, Scope.DAY, T0.plus(Duration.ofHours(3))).await();
        budget.block(org, BOOKS, Scope.CONCURRENCY, T0.plusSeconds(90)).await();
        assertThat(take(BOOKS, limits, T0.plusSeconds(61)))
                .isEqualTo(new Denied(Scope.DAY, T0.plus(Duration.ofHours(3))));
    }

    @Test
    void scopes_that_are_no_call_limit_of_zohos_block_nothing() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 10);
        budget.block(org, BOOKS, Scope.TOKEN_REFRESH, T0.plusSeconds(600)).await();
        budget.block(org, BOOKS, Scope.CIRCUIT_OPEN, T0.plusSeconds(600)).await();

        granted(BOOKS, limits, T0);
    }

    @Test
    void books_and_inventory_of_one_organization_share_every_count_and_every_block() {
        ZohoApiLimits limits = new ZohoApiLimits(2, 1000, 1);
        BudgetPermit.Granted books = granted(BOOKS, limits, T0);
        assertThat(take(ZohoProduct.INVENTORY, limits, T0))
                .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        budget.release(books).await();
        granted(ZohoProduct.INVENTORY, limits, T0.plusSeconds(5));

        assertThat(take(BOOKS, limits, T0.plusSeconds(6))).isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
        budget.block(org, ZohoProduct.INVENTORY, Scope.DAY, T0.plus(Duration.ofHours(1)))
                .await();
        assertThat(take(BOOKS, limits, T0.plusSeconds(120)))
                .isEqualTo(new Denied(Scope.DAY, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void billing_and_crm_count_apart_from_books_and_from_each_other() {
        ZohoApiLimits limits = new ZohoApiLimits(1, 1000, 10);
        granted(BOOKS, limits, T0);
        budget.block(org, BOOKS, Scope.DAY, T0.plus(Duration.ofHours(1))).await();

        granted(ZohoProduct.BILLING, limits, T0);
        granted(ZohoProduct.CRM, limits, T0);
        assertThat(take(ZohoProduct.BILLING, limits, T0)).isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
        assertThat(take(ZohoProduct.CRM, limits, T0)).isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
    }

    @Test
    void two_organizations_count_apart_and_each_shares_its_own_books_and_inventory() {
        ZohoApiLimits limits = new ZohoApiLimits(1, 1000, 1);
        String other = "org-" + UUID.randomUUID();
        granted(BOOKS, limits, T0);
        budget.block(org, BOOKS, Scope.DAY, T0.plus(Duration.ofHours(1))).await();

        assertThat(budget.acquire(other, BOOKS, limits, T0).await()).isInstanceOf(BudgetPermit.Granted.class);
        assertThat(budget.acquire(other, ZohoProduct.INVENTORY, limits, T0.plusSeconds(1))
                        .await())
                .isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
    }

    @Test
    void a_denial_names_the_moment_every_limit_has_room_again_and_the_limit_that_reopens_last() {
        ZohoApiLimits limits = new ZohoApiLimits(1, 2, 10);
        Instant late =
                T0.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59)).plusSeconds(30);
        granted(BOOKS, limits, T0);
        granted(BOOKS, limits, late);

        // the day reopens a day after T0, the minute 30 seconds later: the minute answers
        assertThat(take(BOOKS, limits, late.plusSeconds(10))).isEqualTo(new Denied(Scope.MINUTE, late.plus(MINUTE)));
        granted(BOOKS, limits, late.plus(MINUTE));
        // now the minute reopens in a minute and the day only when the call at `late` is a day old
        assertThat(take(BOOKS, limits, late.plus(MINUTE).plusSeconds(1)))
                .isEqualTo(new Denied(Scope.DAY, late.plus(DAY)));
    }

    @Test
    void a_denied_request_takes_nothing() {
        ZohoApiLimits limits = new ZohoApiLimits(1, 1000, 10);
        granted(BOOKS, limits, T0);
        for (int i = 1; i <= 5; i++) {
            assertThat(take(BOOKS, limits, T0.plusSeconds(i))).isInstanceOf(Denied.class);
        }
        granted(BOOKS, limits, T0.plus(MINUTE));
    }

    @Test
    void the_finishing_time_of_a_backlog_follows_the_calls_counted_and_takes_none() {
        ZohoApiLimits limits = new ZohoApiLimits(2, 5, 10);
        granted(BOOKS, limits, T0);
        granted(ZohoProduct.INVENTORY, limits, T0);
        Instant now = T0.plusSeconds(10);

        assertThat(budget.finishTime(org, BOOKS, limits, now, 0).await()).isEqualTo(now);
        assertThat(budget.finishTime(org, BOOKS, limits, now, 3).await())
                .isEqualTo(T0.plus(MINUTE).plus(MINUTE));
        assertThat(budget.finishTime(org, ZohoProduct.INVENTORY, limits, now, 4).await())
                .isEqualTo(T0.plus(DAY));
        assertThat(budget.finishTime(org, ZohoProduct.CRM, limits, now, 2).await())
                .isEqualTo(now);
        granted(ZohoProduct.BILLING, limits, now);
        assertThat(take(BOOKS, limits, now)).isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
    }

    @Test
    void the_finishing_time_waits_for_zohos_blocks() {
        ZohoApiLimits limits = new ZohoApiLimits(2, 5, 10);
        budget.block(org, ZohoProduct.CRM, Scope.MINUTE, T0.plusSeconds(45)).await();

        assertThat(budget.finishTime(org, ZohoProduct.CRM, limits, T0, 3).await())
                .isEqualTo(T0.plusSeconds(45).plus(MINUTE));
    }

    @Test
    void a_holder_that_heartbeats_keeps_its_slots_however_long_its_calls_run() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        BudgetPermit.Granted slow = granted(BOOKS, limits, T0);
        for (int s = 2; s <= 400; s += 2) {
            budget.heartbeat(T0.plusSeconds(s)).await();
        }

        assertThat(take(BOOKS, limits, T0.plusSeconds(401)))
                .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        budget.release(slow).await();
        granted(BOOKS, limits, T0.plusSeconds(401));
    }

    @Test
    void a_reservation_takes_all_its_calls_or_none_and_is_refused_until_all_of_them_fit() {
        ZohoApiLimits limits = new ZohoApiLimits(5, 1000, 10);
        granted(BOOKS, limits, T0);
        granted(BOOKS, limits, T0.plusSeconds(10));
        granted(BOOKS, limits, T0.plusSeconds(20));

        // two of five are left: three fit once the call at T0 has left the minute, not before
        assertThat(budget.reserve(org, BOOKS, limits, T0.plusSeconds(30), 3).await())
                .isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
        granted(BOOKS, limits, T0.plusSeconds(31));
        assertThat(budget.reserve(org, BOOKS, limits, T0.plus(MINUTE), 3).await())
                .isEqualTo(new Denied(Scope.MINUTE, T0.plusSeconds(10).plus(MINUTE)));
        BudgetPermit reserved = budget.reserve(
                        org, BOOKS, limits, T0.plusSeconds(10).plus(MINUTE), 3)
                .await();
        assertThat(reserved)
                .isInstanceOfSatisfying(
                        BudgetPermit.Reserved.class,
                        r -> assertThat(r.slotIds()).hasSize(3));
        // the three reserved slots count as calls made now: the minute is full again
        assertThat(take(BOOKS, limits, T0.plusSeconds(11).plus(MINUTE)))
                .isEqualTo(new Denied(Scope.MINUTE, T0.plusSeconds(20).plus(MINUTE)));
    }

    @Test
    void a_drawn_slot_counts_from_its_call_and_slots_given_back_never_count() {
        ZohoApiLimits limits = new ZohoApiLimits(4, 1000, 10);
        BudgetPermit.Reserved r = (BudgetPermit.Reserved)
                budget.reserve(org, BOOKS, limits, T0, 3).await();
        budget.draw(r, r.slotIds().get(1), T0.plusSeconds(30)).await();
        budget.finish(
                        r.slotIds().get(0),
                        List.of(r.slotIds().get(0), r.slotIds().get(2)))
                .await();

        granted(BOOKS, limits, T0.plusSeconds(31));
        granted(BOOKS, limits, T0.plusSeconds(31));
        granted(BOOKS, limits, T0.plusSeconds(31));
        assertThat(take(BOOKS, limits, T0.plusSeconds(32)))
                .isEqualTo(new Denied(Scope.MINUTE, T0.plusSeconds(30).plus(MINUTE)));
        assertThat(budget.finishTime(org, BOOKS, limits, T0.plusSeconds(32), 1).await())
                .isEqualTo(T0.plusSeconds(30).plus(MINUTE));
    }

    @Test
    void a_reservation_holds_one_concurrency_slot_until_it_is_finished() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 2);
        BudgetPermit.Reserved r = (BudgetPermit.Reserved)
                budget.reserve(org, BOOKS, limits, T0, 3).await();
        granted(BOOKS, limits, T0);
        assertThat(take(BOOKS, limits, T0))
                .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        assertThat(budget.reserve(org, BOOKS, limits, T0, 1).await())
                .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));

        budget.draw(r, r.slotIds().get(0), T0.plusSeconds(1)).await();
        budget.finish(r.slotIds().get(0), r.slotIds().subList(1, 3)).await();
        granted(BOOKS, limits, T0.plusSeconds(2));
    }

    @Test
    void a_call_beyond_a_reservation_runs_under_its_slot_and_counts_against_the_windows_like_any_call() {
        ZohoApiLimits oneAtOnce = new ZohoApiLimits(3, 1000, 1);
        BudgetPermit.Reserved job = (BudgetPermit.Reserved)
                budget.reserve(org, BOOKS, oneAtOnce, T0, 1).await();
        budget.draw(job, job.slotIds().get(0), T0).await();

        // the one slot is the job's: its own next call is not refused for it, another's permit is
        assertThat(budget.extend(job, oneAtOnce, T0.plusSeconds(1)).await()).isInstanceOf(BudgetPermit.Granted.class);
        assertThat(take(BOOKS, oneAtOnce, T0.plusSeconds(1)))
                .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        assertThat(budget.headroom(org, BOOKS, oneAtOnce, T0.plusSeconds(1)).await())
                .isEqualTo(new ZohoBudget.Headroom(0, T0.plusSeconds(1).plus(Budget.SLOT_RETRY)));
        assertThat(budget.extend(job, oneAtOnce, T0.plusSeconds(2)).await()).isInstanceOf(BudgetPermit.Granted.class);
        // three calls in the minute: the windows refuse a fourth, Zoho's blocks any
        assertThat(budget.extend(job, oneAtOnce, T0.plusSeconds(3)).await())
                .isEqualTo(new Denied(Scope.MINUTE, T0.plus(MINUTE)));
        budget.block(org, BOOKS, Scope.DAY, T0.plus(Duration.ofHours(1))).await();
        assertThat(budget.extend(job, oneAtOnce, T0.plus(MINUTE)).await())
                .isEqualTo(new Denied(Scope.DAY, T0.plus(Duration.ofHours(1))));

        // its calls held no slot of their own: the job's end frees the one there is
        budget.finish(job.slotIds().get(0), List.of()).await();
        assertThat(budget.headroom(org, BOOKS, oneAtOnce, T0.plus(Duration.ofHours(1)))
                        .await())
                .isEqualTo(new ZohoBudget.Headroom(1, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void more_calls_than_a_window_holds_are_reserved_as_many_as_it_holds() {
        ZohoApiLimits limits = new ZohoApiLimits(3, 1000, 10);
        assertThat(budget.reserve(org, BOOKS, limits, T0, 7).await())
                .isInstanceOfSatisfying(
                        BudgetPermit.Reserved.class,
                        r -> assertThat(r.slotIds()).hasSize(3));
    }

    @Test
    void the_headroom_counts_the_calls_that_could_start_now_and_when_one_could_when_none_can() {
        ZohoApiLimits limits = new ZohoApiLimits(3, 1000, 2);
        assertThat(budget.headroom(org, BOOKS, limits, T0).await()).isEqualTo(new ZohoBudget.Headroom(2, T0));
        BudgetPermit.Granted first = granted(BOOKS, limits, T0);
        assertThat(budget.headroom(org, BOOKS, limits, T0).await()).isEqualTo(new ZohoBudget.Headroom(1, T0));
        granted(BOOKS, limits, T0);
        assertThat(budget.headroom(org, BOOKS, limits, T0).await())
                .isEqualTo(new ZohoBudget.Headroom(0, T0.plus(Budget.SLOT_RETRY)));
        budget.release(first).await();
        granted(BOOKS, limits, T0.plusSeconds(5));
        budget.release(first).await();
        assertThat(budget.headroom(org, BOOKS, limits, T0.plusSeconds(6)).await())
                .isEqualTo(new ZohoBudget.Headroom(0, T0.plus(MINUTE)));
        assertThat(take(BOOKS, limits, T0.plusSeconds(6))).isInstanceOf(Denied.class);
    }

    @Test
    void zohos_count_of_the_day_caps_the_calls_until_it_resets() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        BudgetPermit.Granted told = granted(BOOKS, limits, T0);
        budget.release(told).await();
        Instant reset = T0.plus(Duration.ofHours(3));
        budget.zohoCount(org, BOOKS, new ZohoDayCount(3, T0, reset)).await();

        for (int i = 1; i <= 3; i++) {
            budget.release(granted(ZohoProduct.INVENTORY, limits, T0.plusSeconds(i)))
                    .await();
        }
        assertThat(take(BOOKS, limits, T0.plusSeconds(4))).isEqualTo(new Denied(Scope.DAY, reset));
        assertThat(budget.headroom(org, BOOKS, limits, T0.plusSeconds(4)).await())
                .isEqualTo(new ZohoBudget.Headroom(0, reset));
        assertThat(budget.finishTime(org, BOOKS, limits, T0.plusSeconds(4), 1).await())
                .isEqualTo(reset);
        granted(BOOKS, limits, reset);
    }

    @Test
    void calls_in_flight_when_zoho_counted_are_kept_back_as_zoho_may_count_them_later() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 5);
        granted(BOOKS, limits, T0);
        budget.zohoCount(org, BOOKS, new ZohoDayCount(10, T0, T0.plus(Duration.ofHours(1))))
                .await();

        assertThat(budget.headroom(org, BOOKS, limits, T0).await().free()).isEqualTo(4);
        assertThat(budget.reserve(org, BOOKS, limits, T0, 7).await()).isInstanceOf(Denied.class);
        assertThat(budget.reserve(org, BOOKS, limits, T0, 6).await()).isInstanceOf(BudgetPermit.Reserved.class);
        assertThat(take(BOOKS, limits, T0)).isEqualTo(new Denied(Scope.DAY, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void a_newer_count_replaces_an_older_one_and_an_older_one_changes_nothing() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        Instant reset = T0.plus(Duration.ofHours(1));
        budget.release(granted(BOOKS, limits, T0)).await();
        budget.zohoCount(org, BOOKS, new ZohoDayCount(0, T0, reset)).await();
        assertThat(take(BOOKS, limits, T0.plusSeconds(1))).isEqualTo(new Denied(Scope.DAY, reset));

        budget.zohoCount(org, BOOKS, new ZohoDayCount(1, T0.plusSeconds(2), reset))
                .await();
        budget.zohoCount(org, BOOKS, new ZohoDayCount(0, T0.plusSeconds(1), reset))
                .await();

        budget.release(granted(BOOKS, limits, T0.plusSeconds(2))).await();
        budget.release(granted(BOOKS, limits, T0.plusSeconds(3))).await();
        assertThat(take(BOOKS, limits, T0.plusSeconds(4))).isEqualTo(new Denied(Scope.DAY, reset));
        budget.zohoCount(org, ZohoProduct.CRM, new ZohoDayCount(0, T0, reset)).await();
        granted(ZohoProduct.BILLING, limits, T0.plusSeconds(4));
    }
}
