package io.zohosync.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BudgetPropertyTest {

    static final Instant NOW = Instant.parse("2026-07-01T10:15:30Z");

    static List<Instant> history(List<Integer> secondsAgo) {
        return secondsAgo.stream().map(s -> NOW.minusSeconds(s)).sorted().toList();
    }

    @Property
    void the_finishing_time_never_decreases_as_calls_are_added(
            @ForAll @IntRange(min = 1, max = 30) int perMinute,
            @ForAll @IntRange(min = 1, max = 200) int perDay,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 86_399) Integer> secondsAgo,
            @ForAll @IntRange(min = 0, max = 300) int calls,
            @ForAll @IntRange(min = 1, max = 50) int more) {
        BudgetLimits limits = new BudgetLimits(perMinute, perDay, 1);
        Instant fewer = Budget.finishTime(limits, history(secondsAgo), Map.of(), NOW, calls);
        Instant moreCalls = Budget.finishTime(limits, history(secondsAgo), Map.of(), NOW, calls + (long) more);
        assertThat(fewer).isAfterOrEqualTo(NOW);
        assertThat(moreCalls).isAfterOrEqualTo(fewer);
    }

    /**
     * Calls made one after another, each at the moment {@link Budget#permit} first allows it, finish when
     * {@link Budget#finishTime} says, and no sliding minute or day ending at one of them holds more than its limit.
     */
    @Property
    void permit_and_finish_time_agree_and_no_window_ever_holds_more_than_its_limit(
            @ForAll @IntRange(min = 1, max = 12) int perMinute,
            @ForAll @IntRange(min = 1, max = 40) int perDay,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 86_399) Integer> secondsAgo,
            @ForAll @IntRange(min = 1, max = 80) int calls) {
        BudgetLimits limits = new BudgetLimits(perMinute, perDay, 1);
        List<Instant> past = history(secondsAgo);
        List<Instant> all = new ArrayList<>(past);
        List<Instant> made = new ArrayList<>();
        Instant t = NOW;
        while (made.size() < calls) {
            BudgetUsage usage = new BudgetUsage(
                    WindowUsage.of(all, t.minus(Budget.MINUTE), perMinute),
                    WindowUsage.of(all, t.minus(Budget.DAY), perDay),
                    0,
                    Map.of());
            if (Budget.permit(limits, usage, t) instanceof BudgetDecision.WaitUntil wait) {
                assertThat(wait.at()).isAfter(t);
                t = wait.at();
            } else {
                all.add(t);
                made.add(t);
            }
        }

        assertThat(Budget.finishTime(limits, past, Map.of(), NOW, calls)).isEqualTo(t);
        for (Instant end : made) {
            assertThat(all.stream()
                            .filter(c -> c.isAfter(end.minus(Budget.MINUTE)) && !c.isAfter(end))
                            .count())
                    .isLessThanOrEqualTo(perMinute);
            assertThat(all.stream()
                            .filter(c -> c.isAfter(end.minus(Budget.DAY)) && !c.isAfter(end))
                            .count())
                    .isLessThanOrEqualTo(perDay);
        }
    }
}
