package io.zohosync.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {

    static final Instant NOW = Instant.parse("2026-07-01T10:15:30Z");
    static final BudgetLimits SEED = BudgetLimits.books(500);

    @Test
    void books_allows_100_a_minute_and_10_at_once_with_the_days_cap_given() {
        assertThat(BudgetLimits.books(500)).isEqualTo(new BudgetLimits(100, 500, 10, ZoneOffset.UTC));
        assertThat(new BudgetLimits(1, 1, 1, null).dayZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void a_call_is_allowed_while_every_allowance_has_room() {
        assertThat(Budget.permit(SEED, new BudgetUsage(99, 499, 9), NOW)).isEqualTo(new BudgetDecision.Allowed());
    }

    @Test
    void a_spent_minute_waits_for_the_next_clock_minute() {
        assertThat(Budget.permit(SEED, new BudgetUsage(100, 200, 0), NOW)).isEqualTo(
                new BudgetDecision.WaitUntil(Instant.parse("2026-07-01T10:16:00Z"), "allowance of 100 a minute spent"));
    }

    @Test
    void a_spent_day_waits_for_midnight_in_the_limits_zone_even_if_the_minute_is_spent_too() {
        assertThat(Budget.permit(SEED, new BudgetUsage(100, 500, 0), NOW)).isEqualTo(
                new BudgetDecision.WaitUntil(Instant.parse("2026-07-02T00:00:00Z"), "daily allowance of 500 spent"));
        BudgetLimits kolkata = new BudgetLimits(100, 500, 10, ZoneId.of("Asia/Kolkata"));
        assertThat(Budget.permit(kolkata, new BudgetUsage(0, 500, 0), NOW))
                .isEqualTo(new BudgetDecision.WaitUntil(Instant.parse("2026-07-01T18:30:00Z"), "daily allowance of 500 spent"));
    }

    @Test
    void full_concurrency_waits_for_a_slot_first() {
        assertThat(Budget.permit(SEED, new BudgetUsage(100, 500, 10), NOW))
                .isEqualTo(new BudgetDecision.WaitForSlot("10 of 10 calls in flight"));
    }

    @Test
    void no_calls_finish_now_and_calls_that_fit_this_minute_finish_now() {
        assertThat(Budget.finishTime(SEED, BudgetUsage.NONE, NOW, 0)).isEqualTo(NOW);
        assertThat(Budget.finishTime(SEED, new BudgetUsage(100, 500, 0), NOW, 0)).isEqualTo(NOW);
        assertThat(Budget.finishTime(SEED, new BudgetUsage(40, 40, 0), NOW, 60)).isEqualTo(NOW);
    }

    @Test
    void calls_beyond_this_minute_spill_into_the_following_clock_minutes() {
        assertThat(Budget.finishTime(SEED, new BudgetUsage(40, 40, 0), NOW, 61))
                .isEqualTo(Instant.parse("2026-07-01T10:16:00Z"));
        assertThat(Budget.finishTime(SEED, BudgetUsage.NONE, NOW, 250)).isEqualTo(Instant.parse("2026-07-01T10:17:00Z"));
    }

    @Test
    void calls_beyond_the_day_wait_for_the_next_day() {
        assertThat(Budget.finishTime(SEED, new BudgetUsage(0, 450, 0), NOW, 51))
                .isEqualTo(Instant.parse("2026-07-02T00:00:00Z"));
        assertThat(Budget.finishTime(SEED, BudgetUsage.NONE, NOW, 1_100))
                .isEqualTo(Instant.parse("2026-07-03T00:00:00Z"));
        assertThat(Budget.finishTime(SEED, BudgetUsage.NONE, NOW, 1_101))
                .isEqualTo(Instant.parse("2026-07-03T00:01:00Z"));
    }

    @Test
    void minute_windows_stop_at_midnight_where_the_day_resets() {
        BudgetLimits slow = new BudgetLimits(1, 10_000, 1, ZoneOffset.UTC);
        Instant late = Instant.parse("2026-07-01T23:59:10Z");
        assertThat(Budget.finishTime(slow, BudgetUsage.NONE, late, 2)).isEqualTo(Instant.parse("2026-07-02T00:00:00Z"));
    }

    @Test
    void the_finishing_time_of_jobs_adds_their_costs() {
        List<Integer> costs = List.of(JobCost.calls(EntityType.CUSTOMER, false), JobCost.calls(EntityType.INVOICE, true));
        assertThat(Budget.finishTimeOfJobs(SEED, new BudgetUsage(96, 96, 0), NOW, costs)).isEqualTo(NOW);
        assertThat(Budget.finishTimeOfJobs(SEED, new BudgetUsage(97, 97, 0), NOW, costs))
                .isEqualTo(Instant.parse("2026-07-01T10:16:00Z"));
    }

    @Test
    void a_customer_costs_two_calls_other_writes_one_and_an_unknown_outcome_one_more() {
        assertThat(JobCost.calls(EntityType.CUSTOMER, false)).isEqualTo(2);
        assertThat(JobCost.calls(EntityType.CUSTOMER, true)).isEqualTo(3);
        assertThat(JobCost.calls(EntityType.PAYMENT, false)).isEqualTo(1);
        assertThat(JobCost.calls(EntityType.PAYMENT, true)).isEqualTo(2);
    }

    @Test
    void limits_and_usage_reject_nonsense() {
        assertThatThrownBy(() -> new BudgetLimits(0, 1, 1, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetLimits(1, 0, 1, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetLimits(1, 1, 0, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetUsage(-1, 0, 0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetUsage(2, 1, 0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetUsage(0, 0, -1)).isInstanceOf(InvalidInput.class);
        assertThat(new BudgetUsage(1, 1, 0).callsToday()).isEqualTo(1);
    }
}
