package io.zohosync.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BudgetPropertyTest {

    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @Property
    void the_finishing_time_never_decreases_as_jobs_are_added(
            @ForAll @IntRange(min = 1, max = 200) int perMinute, @ForAll @IntRange(min = 1, max = 5000) int perDay,
            @ForAll @IntRange(min = 0, max = 200) int usedThisMinute, @ForAll @IntRange(min = 0, max = 5000) int usedEarlierToday,
            @ForAll @LongRange(min = 0, max = 86_399) long secondOfDay,
            @ForAll @IntRange(min = 0, max = 3000) int calls, @ForAll @IntRange(min = 1, max = 50) int more) {
        BudgetLimits limits = new BudgetLimits(perMinute, perDay, 5, ZoneOffset.UTC);
        BudgetUsage usage = new BudgetUsage(usedThisMinute, usedThisMinute + usedEarlierToday, 0);
        Instant now = T0.plusSeconds(secondOfDay);
        Instant fewer = Budget.finishTime(limits, usage, now, calls);
        Instant moreCalls = Budget.finishTime(limits, usage, now, calls + (long) more);
        assertThat(moreCalls).isAfterOrEqualTo(fewer);
        assertThat(fewer).isAfterOrEqualTo(now);
    }

    @Property
    void a_window_never_takes_more_calls_than_it_allows(
            @ForAll @IntRange(min = 1, max = 100) int perMinute, @ForAll @IntRange(min = 1, max = 20) int extraMinutes) {
        BudgetLimits limits = new BudgetLimits(perMinute, 1_000_000, 5, ZoneOffset.UTC);
        long calls = (long) perMinute * (extraMinutes + 1);
        assertThat(Budget.finishTime(limits, BudgetUsage.NONE, T0, calls)).isEqualTo(T0.plusSeconds(60L * extraMinutes));
        assertThat(Budget.finishTime(limits, BudgetUsage.NONE, T0, calls + 1)).isEqualTo(T0.plusSeconds(60L * (extraMinutes + 1)));
    }
}
