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

    /**
     * Jobs each reserving their calls at the moment {@link Budget#reserve} first allows all of them, then making them
     * one by one {@code gap} seconds apart (a reserved call not yet made counts as made at the moment of each
     * decision, as both adapters count it): no sliding minute or day ending at one of them holds more than its limit.
     */
    @Property
    void calls_reserved_whenever_reserve_allows_and_made_later_never_overfill_a_window(
            @ForAll @IntRange(min = 1, max = 12) int perMinute,
            @ForAll @IntRange(min = 1, max = 40) int perDay,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 86_399) Integer> secondsAgo,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 4) Integer> jobs,
            @ForAll @IntRange(min = 0, max = 40) int gap) {
        BudgetLimits limits = new BudgetLimits(perMinute, perDay, 100);
        List<Instant> made = new ArrayList<>(history(secondsAgo));
        List<Instant> pending = new ArrayList<>();
        List<Instant> reserved = new ArrayList<>();
        Instant t = NOW;
        for (int wanted : jobs) {
            int calls = Budget.reservable(limits, wanted);
            while (true) {
                Instant at = t;
                pending.removeIf(p -> {
                    if (!p.isAfter(at)) {
                        made.add(p);
                        return true;
                    }
                    return false;
                });
                List<Instant> counted = new ArrayList<>(made);
                pending.forEach(p -> counted.add(at));
                counted.sort(null);
                BudgetUsage usage = new BudgetUsage(
                        WindowUsage.of(counted, t.minus(Budget.MINUTE), Budget.counted(perMinute, calls)),
                        WindowUsage.of(counted, t.minus(Budget.DAY), Budget.counted(perDay, calls)),
                        0,
                        Map.of());
                if (Budget.reserve(limits, usage, t, calls) instanceof BudgetDecision.WaitUntil wait) {
                    assertThat(wait.at()).isAfter(t);
                    Instant next = wait.at();
                    for (Instant p : pending) {
                        next = p.isBefore(next) ? p : next;
                    }
                    t = next;
                } else {
                    for (int i = 0; i < calls; i++) {
                        pending.add(t.plusSeconds((long) gap * i));
                        reserved.add(t.plusSeconds((long) gap * i));
                    }
                    break;
                }
            }
        }
        made.addAll(pending);
        for (Instant end : reserved) {
            assertThat(made.stream()
                            .filter(c -> c.isAfter(end.minus(Budget.MINUTE)) && !c.isAfter(end))
                            .count())
                    .isLessThanOrEqualTo(perMinute);
            assertThat(made.stream()
                            .filter(c -> c.isAfter(end.minus(Budget.DAY)) && !c.isAfter(end))
                            .count())
                    .isLessThanOrEqualTo(perDay);
        }
    }

    /**
     * Reservations decided in one breath from one count (each window counted up to its limit, each grant added with
     * {@link BudgetUsage#withReserved}) grant exactly what deciding them one after another from a fresh count each
     * would grant, up to the first refusal (where the one-breath decision stops).
     */
    @Property
    void reservations_decided_in_one_breath_grant_what_one_by_one_decisions_grant(
            @ForAll @IntRange(min = 1, max = 12) int perMinute,
            @ForAll @IntRange(min = 1, max = 40) int perDay,
            @ForAll @IntRange(min = 1, max = 6) int concurrency,
            @ForAll @IntRange(min = 0, max = 5) int inFlight,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 86_399) Integer> secondsAgo,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 4) Integer> jobs) {
        BudgetLimits limits = new BudgetLimits(perMinute, perDay, concurrency);
        List<Instant> made = new ArrayList<>(history(secondsAgo));
        BudgetUsage together = new BudgetUsage(
                WindowUsage.of(made, NOW.minus(Budget.MINUTE), Budget.counted(perMinute, 1)),
                WindowUsage.of(made, NOW.minus(Budget.DAY), Budget.counted(perDay, 1)),
                inFlight,
                Map.of());
        int held = inFlight;
        for (int wanted : jobs) {
            int calls = Budget.reservable(limits, wanted);
            List<Instant> sorted = new ArrayList<>(made);
            sorted.sort(null);
            BudgetUsage fresh = new BudgetUsage(
                    WindowUsage.of(sorted, NOW.minus(Budget.MINUTE), Budget.counted(perMinute, calls)),
                    WindowUsage.of(sorted, NOW.minus(Budget.DAY), Budget.counted(perDay, calls)),
                    held,
                    Map.of());
            BudgetDecision alone = Budget.reserve(limits, fresh, NOW, calls);
            BudgetDecision inBreath = Budget.reserve(limits, together, NOW, calls);
            assertThat(inBreath instanceof BudgetDecision.Allowed).isEqualTo(alone instanceof BudgetDecision.Allowed);
            if (!(alone instanceof BudgetDecision.Allowed)) {
                return;
            }
            together = together.withReserved(calls, NOW);
            held++;
            for (int i = 0; i < calls; i++) {
                made.add(NOW);
            }
        }
    }
}
