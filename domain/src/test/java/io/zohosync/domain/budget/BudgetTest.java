package io.zohosync.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetTest {

    static final Instant NOW = Instant.parse("2026-07-01T10:15:30Z");
    static final BudgetLimits SEED = new BudgetLimits(100, 500, 10);

    static Instant at(String time) {
        return Instant.parse("2026-07-01T" + time + "Z");
    }

    static BudgetUsage usage(WindowUsage minute, WindowUsage day, int inFlight) {
        return new BudgetUsage(minute, day, inFlight, Map.of());
    }

    static List<Instant> times(int n, Instant at) {
        return Collections.nCopies(n, at);
    }

    @Test
    void a_call_stays_in_the_count_two_seconds_longer_than_in_zohos_window() {
        assertThat(Budget.MINUTE).isEqualTo(Duration.ofSeconds(62));
        assertThat(Budget.DAY).isEqualTo(Duration.ofDays(1).plusSeconds(2));
    }

    @Test
    void a_call_is_allowed_while_every_limit_has_room() {
        BudgetUsage busy = usage(new WindowUsage(99, at("10:15:00")), new WindowUsage(499, at("09:00:00")), 9);
        assertThat(Budget.permit(SEED, busy, NOW)).isEqualTo(new BudgetDecision.Allowed());
        assertThat(Budget.permit(SEED, BudgetUsage.NONE, NOW)).isEqualTo(new BudgetDecision.Allowed());
    }

    @Test
    void a_spent_minute_reopens_a_minute_and_the_margin_after_its_oldest_counted_call_not_at_the_next_clock_minute() {
        BudgetUsage spent = usage(new WindowUsage(100, at("10:15:12")), new WindowUsage(100, at("10:15:12")), 0);
        assertThat(Budget.permit(SEED, spent, NOW))
                .isEqualTo(
                        new BudgetDecision.WaitUntil(Limit.MINUTE, at("10:16:14"), "allowance of 100 a minute spent"));
    }

    @Test
    void a_spent_day_reopens_a_day_and_the_margin_after_its_oldest_counted_call_not_at_midnight() {
        BudgetUsage spent = usage(
                new WindowUsage(3, at("10:15:00")), new WindowUsage(500, Instant.parse("2026-06-30T11:00:00Z")), 0);
        assertThat(Budget.permit(SEED, spent, NOW))
                .isEqualTo(new BudgetDecision.WaitUntil(Limit.DAY, at("11:00:02"), "allowance of 500 a day spent"));
    }

    @Test
    void when_both_windows_are_spent_the_answer_is_the_later_reopening() {
        WindowUsage minute = new WindowUsage(100, at("10:15:00"));
        BudgetUsage dayLater = usage(minute, new WindowUsage(500, Instant.parse("2026-06-30T11:00:00Z")), 0);
        BudgetUsage minuteLater = usage(minute, new WindowUsage(500, Instant.parse("2026-06-30T10:15:40Z")), 0);

        assertThat(Budget.permit(SEED, dayLater, NOW))
                .extracting("limit", "at")
                .containsExactly(Limit.DAY, at("11:00:02"));
        assertThat(Budget.permit(SEED, minuteLater, NOW))
                .extracting("limit", "at")
                .containsExactly(Limit.MINUTE, at("10:16:02"));
    }

    @Test
    void full_concurrency_waits_a_moment_for_a_slot_but_a_spent_window_answers_first() {
        assertThat(Budget.permit(SEED, usage(WindowUsage.EMPTY, WindowUsage.EMPTY, 10), NOW))
                .isEqualTo(new BudgetDecision.WaitUntil(
                        Limit.CONCURRENCY, NOW.plus(Budget.SLOT_RETRY), "10 of 10 calls in flight"));
        BudgetUsage spentAndFull =
                usage(new WindowUsage(100, at("10:15:00")), new WindowUsage(100, at("10:15:00")), 10);
        assertThat(Budget.permit(SEED, spentAndFull, NOW)).extracting("limit").isEqualTo(Limit.MINUTE);
    }

    @Test
    void a_call_under_a_slot_already_held_sees_no_call_in_flight_but_the_same_windows_and_blocks() {
        BudgetUsage full = new BudgetUsage(
                new WindowUsage(3, at("10:15:00")), WindowUsage.EMPTY, 10, Map.of(Limit.DAY, at("11:00:00")));
        assertThat(full.withoutCallsInFlight())
                .isEqualTo(new BudgetUsage(
                        new WindowUsage(3, at("10:15:00")), WindowUsage.EMPTY, 0, Map.of(Limit.DAY, at("11:00:00"))));
        assertThat(Budget.permit(
                        SEED, usage(WindowUsage.EMPTY, WindowUsage.EMPTY, 10).withoutCallsInFlight(), NOW))
                .isEqualTo(new BudgetDecision.Allowed());
    }

    @Test
    void a_block_from_zoho_closes_its_limit_until_it_ends() {
        BudgetUsage blocked = new BudgetUsage(
                WindowUsage.EMPTY,
                WindowUsage.EMPTY,
                0,
                Map.of(Limit.CONCURRENCY, at("10:15:31"), Limit.DAY, at("09:00:00")));
        assertThat(Budget.permit(SEED, blocked, NOW))
                .isEqualTo(new BudgetDecision.WaitUntil(
                        Limit.CONCURRENCY, at("10:15:31"), "Zoho refused calls (CONCURRENCY limit)"));
        assertThat(Budget.permit(SEED, blocked, at("10:15:31"))).isEqualTo(new BudgetDecision.Allowed());
    }

    @Test
    void a_block_and_a_spent_window_answer_with_the_later_of_the_two() {
        BudgetUsage both = new BudgetUsage(
                new WindowUsage(100, at("10:15:00")),
                new WindowUsage(100, at("10:15:00")),
                0,
                Map.of(Limit.MINUTE, at("10:15:50")));
        assertThat(Budget.permit(SEED, both, NOW))
                .extracting("limit", "at")
                .containsExactly(Limit.MINUTE, at("10:16:02"));
        BudgetUsage longBlock = new BudgetUsage(both.minute(), both.day(), 0, Map.of(Limit.DAY, at("12:00:00")));
        assertThat(Budget.permit(SEED, longBlock, NOW))
                .extracting("limit", "at")
                .containsExactly(Limit.DAY, at("12:00:00"));
    }

    @Test
    void a_window_counts_its_newest_calls_up_to_the_limit_and_names_the_oldest_of_them() {
        List<Instant> calls = List.of(at("10:14:00"), at("10:14:40"), at("10:15:00"), at("10:15:10"), at("10:15:20"));
        Instant minuteAgo = NOW.minus(Budget.MINUTE);

        assertThat(WindowUsage.of(calls, minuteAgo, 100)).isEqualTo(new WindowUsage(4, at("10:14:40")));
        assertThat(WindowUsage.of(calls, minuteAgo, 2)).isEqualTo(new WindowUsage(2, at("10:15:10")));
        assertThat(WindowUsage.of(calls, at("10:15:20"), 5)).isEqualTo(WindowUsage.EMPTY);
        assertThat(WindowUsage.of(List.of(), minuteAgo, 5)).isEqualTo(WindowUsage.EMPTY);
    }

    @Test
    void no_calls_finish_now_and_calls_that_fit_both_windows_finish_now() {
        assertThat(Budget.finishTime(SEED, times(100, at("10:15:00")), Map.of(), NOW, 0))
                .isEqualTo(NOW);
        assertThat(Budget.finishTime(SEED, List.of(), Map.of(Limit.MINUTE, at("10:20:00")), NOW, 0))
                .as("no calls wait for no block")
                .isEqualTo(NOW);
        assertThat(Budget.finishTime(SEED, times(40, at("10:15:20")), Map.of(), NOW, 60))
                .isEqualTo(NOW);
    }

    @Test
    void calls_beyond_the_minute_wait_for_the_oldest_calls_to_leave_the_sliding_minute() {
        assertThat(Budget.finishTime(SEED, times(40, at("10:15:20")), Map.of(), NOW, 61))
                .isEqualTo(at("10:16:22"));
        assertThat(Budget.finishTime(SEED, List.of(), Map.of(), NOW, 250)).isEqualTo(at("10:17:34"));
    }

    @Test
    void calls_beyond_the_day_wait_for_the_oldest_calls_to_leave_the_sliding_day() {
        List<Instant> yesterday = times(450, Instant.parse("2026-06-30T12:00:00Z"));
        assertThat(Budget.finishTime(SEED, yesterday, Map.of(), NOW, 50)).isEqualTo(NOW);
        assertThat(Budget.finishTime(SEED, yesterday, Map.of(), NOW, 51)).isEqualTo(at("12:00:02"));
        // 500 in five windows today, 500 in five tomorrow from a day and the margin later, 100 the day after
        assertThat(Budget.finishTime(SEED, List.of(), Map.of(), NOW, 1_000))
                .isEqualTo(Instant.parse("2026-07-02T10:19:40Z"));
        assertThat(Budget.finishTime(SEED, List.of(), Map.of(), NOW, 1_100))
                .isEqualTo(Instant.parse("2026-07-03T10:15:34Z"));
    }

    @Test
    void calls_wait_for_zohos_blocks_to_end_and_ignore_those_already_over() {
        assertThat(Budget.finishTime(
                        SEED, List.of(), Map.of(Limit.MINUTE, at("10:16:00"), Limit.DAY, at("10:00:00")), NOW, 1))
                .isEqualTo(at("10:16:00"));
    }

    @Test
    void the_call_history_may_come_in_any_order() {
        List<Instant> shuffled = List.of(at("10:15:20"), at("10:14:50"), at("10:15:10"));
        BudgetLimits three = new BudgetLimits(3, 100, 1);
        assertThat(Budget.finishTime(three, shuffled, Map.of(), NOW, 1)).isEqualTo(at("10:15:52"));
    }

    @Test
    void limits_and_usage_reject_nonsense() {
        assertThatThrownBy(() -> new BudgetLimits(0, 1, 1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("per_minute");
        assertThatThrownBy(() -> new BudgetLimits(1, 0, 1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("per_day");
        assertThatThrownBy(() -> new BudgetLimits(1, 1, 0))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> new WindowUsage(-1, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new WindowUsage(1, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new WindowUsage(0, NOW)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetUsage(null, WindowUsage.EMPTY, 0, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetUsage(WindowUsage.EMPTY, null, 0, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetUsage(WindowUsage.EMPTY, WindowUsage.EMPTY, -1, null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new BudgetUsage(WindowUsage.EMPTY, WindowUsage.EMPTY, 0, null).blockedUntil())
                .isEmpty();
    }

    @Test
    void a_reservation_fits_when_each_window_has_room_for_all_its_calls_and_waits_for_the_call_that_makes_room() {
        BudgetLimits limits = new BudgetLimits(10, 500, 10);
        List<Instant> calls = List.of(at("10:15:00"), at("10:15:10"), at("10:15:20"), at("10:15:25"), at("10:15:28"));
        // five of ten spent: five fit, six wait until the oldest of the newest five leaves
        BudgetUsage forFive = usage(
                WindowUsage.of(calls, NOW.minus(Budget.MINUTE), Budget.counted(10, 5)),
                WindowUsage.of(calls, NOW.minus(Budget.DAY), Budget.counted(500, 5)),
                0);
        assertThat(Budget.reserve(limits, forFive, NOW, 5)).isEqualTo(new BudgetDecision.Allowed());
        BudgetUsage forSix = usage(
                WindowUsage.of(calls, NOW.minus(Budget.MINUTE), Budget.counted(10, 6)),
                WindowUsage.of(calls, NOW.minus(Budget.DAY), Budget.counted(500, 6)),
                0);
        assertThat(Budget.reserve(limits, forSix, NOW, 6))
                .isEqualTo(new BudgetDecision.WaitUntil(
                        Limit.MINUTE, at("10:15:00").plus(Budget.MINUTE), "allowance of 10 a minute spent"));
    }

    @Test
    void a_reservation_holds_at_most_what_a_window_holds_and_one_beyond_is_refused_outright() {
        BudgetLimits limits = new BudgetLimits(3, 500, 10);
        assertThat(Budget.reservable(limits, 7)).isEqualTo(3);
        assertThat(Budget.reservable(new BudgetLimits(100, 2, 10), 7)).isEqualTo(2);
        assertThat(Budget.reservable(limits, 2)).isEqualTo(2);
        assertThatThrownBy(() -> Budget.reserve(limits, BudgetUsage.NONE, NOW, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void free_slots_are_the_fewest_of_the_free_concurrency_and_the_room_in_each_window_and_none_while_blocked() {
        BudgetLimits limits = new BudgetLimits(10, 500, 5);
        assertThat(Budget.freeSlots(limits, BudgetUsage.NONE, NOW)).isEqualTo(5);
        assertThat(Budget.freeSlots(limits, usage(new WindowUsage(8, at("10:15:00")), WindowUsage.EMPTY, 1), NOW))
                .isEqualTo(2);
        assertThat(Budget.freeSlots(limits, usage(WindowUsage.EMPTY, WindowUsage.EMPTY, 5), NOW))
                .isZero();
        BudgetUsage blocked =
                new BudgetUsage(WindowUsage.EMPTY, WindowUsage.EMPTY, 0, Map.of(Limit.MINUTE, NOW.plusSeconds(1)));
        assertThat(Budget.freeSlots(limits, blocked, NOW)).isZero();
        assertThat(Budget.freeSlots(limits, blocked, NOW.plusSeconds(1))).isEqualTo(5);
    }

    @Test
    void window_room_is_what_both_windows_leave_whatever_the_concurrency_and_none_while_blocked() {
        BudgetLimits limits = new BudgetLimits(10, 12, 5);
        assertThat(Budget.windowRoom(limits, BudgetUsage.NONE, NOW)).isEqualTo(10);
        assertThat(Budget.windowRoom(limits, usage(WindowUsage.EMPTY, WindowUsage.EMPTY, 5), NOW))
                .isEqualTo(10);
        assertThat(Budget.windowRoom(
                        limits, usage(new WindowUsage(3, at("10:15:00")), new WindowUsage(9, at("09:00:00")), 0), NOW))
                .isEqualTo(3);
        assertThat(Budget.windowRoom(limits, usage(new WindowUsage(10, at("10:15:00")), WindowUsage.EMPTY, 0), NOW))
                .isZero();
        BudgetUsage blocked =
                new BudgetUsage(WindowUsage.EMPTY, WindowUsage.EMPTY, 0, Map.of(Limit.DAY, NOW.plusSeconds(1)));
        assertThat(Budget.windowRoom(limits, blocked, NOW)).isZero();
        assertThat(Budget.windowRoom(limits, blocked, NOW.plusSeconds(1))).isEqualTo(10);
    }
}
