package io.zohosync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SyncStateMachinePropertyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<SyncEvent> events() {
        Arbitrary<Instant> later = Arbitraries.longs().between(-60, 3600).map(T0::plusSeconds);
        return Arbitraries.oneOf(
                later.map(t -> new SyncEvent.Claimed("w", t.plusSeconds(3600))),
                Arbitraries.just(new SyncEvent.Succeeded("z1")),
                Arbitraries.just(new SyncEvent.Linked("z2", "one match")),
                Arbitraries.just(new SyncEvent.RetryableFailure("503")),
                Arbitraries.just(new SyncEvent.PermanentFailure("400")),
                Arbitraries.just(new SyncEvent.Ambiguous(List.of("a", "b"), "two")),
                Arbitraries.just(new SyncEvent.NoMatch("none")),
                later.map(SyncEvent.BudgetExhausted::new),
                later.map(t ->
                        new SyncEvent.WaitingForPrerequisites(List.of(new EntityRef(EntityType.CUSTOMER, "c")), t)),
                Arbitraries.just(new SyncEvent.LeaseExpired()),
                Arbitraries.just(new SyncEvent.AdminRetry()),
                Arbitraries.just(new SyncEvent.AdminReset()),
                Arbitraries.just(new SyncEvent.AdminLink("z3")),
                Arbitraries.just(new SyncEvent.AdminUnlink()),
                Arbitraries.just(new SyncEvent.EntityChanged()));
    }

    @Property
    void only_an_admin_action_leaves_failed_skipped_or_manual(
            @ForAll @Size(max = 60) List<@From("events") SyncEvent> events,
            @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
            @ForAll long seed) {
        SyncStateMachine machine = machine(maxAttempts, seed);
        SyncState state = SyncState.pending(T0);
        Instant now = T0;
        for (SyncEvent event : events) {
            now = now.plusSeconds(90);
            SyncState before = state;
            Instant at = now;
            state = machine.apply(state, event, now).nextState().orElse(state);
            if (EnumSet.of(SyncStatus.FAILED, SyncStatus.SKIPPED, SyncStatus.MANUAL)
                            .contains(before.status())
                    && !event.isAdminAction()) {
                assertThat(state).as("%s after %s at %s", before, event, at).isEqualTo(before);
            }
        }
    }

    @Property
    void attempts_never_exceed_the_maximum(
            @ForAll @Size(max = 80) List<@From("events") SyncEvent> events,
            @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
            @ForAll long seed) {
        SyncStateMachine machine = machine(maxAttempts, seed);
        SyncState state = SyncState.pending(T0);
        Instant now = T0;
        for (SyncEvent event : events) {
            now = now.plus(Duration.ofMinutes(11));
            state = machine.apply(state, event, now).nextState().orElse(state);
            assertThat(state.attempts()).isBetween(0, maxAttempts);
        }
    }

    @Property
    void a_lost_lease_a_spent_budget_or_a_missing_prerequisite_never_uses_an_attempt(
            @ForAll @IntRange(min = 0, max = 30) int interruptions) {
        SyncStateMachine machine = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(1));
        SyncState state = SyncState.pending(T0);
        Instant now = T0;
        for (int i = 0; i < interruptions; i++) {
            state = machine.apply(state, new SyncEvent.Claimed("w", now.plusSeconds(60)), now)
                    .nextState()
                    .orElseThrow();
            now = now.plusSeconds(60);
            SyncEvent interruption = switch (i % 3) {
                case 0 -> new SyncEvent.BudgetExhausted(now);
                case 1 -> new SyncEvent.WaitingForPrerequisites(List.of(new EntityRef(EntityType.ITEM, "A")), now);
                default -> new SyncEvent.LeaseExpired();
            };
            state = machine.apply(state, interruption, now).nextState().orElseThrow();
        }
        assertThat(state.status()).isIn(SyncStatus.PENDING, SyncStatus.WAITING);
        assertThat(state.attempts()).isZero();
    }

    @Property
    void transient_faults_inside_the_window_never_use_an_attempt_and_each_waits_its_jittered_backoff(
            @ForAll @IntRange(min = 1, max = 60) int faults,
            @ForAll @IntRange(min = 0, max = 5) int attemptsUsed,
            @ForAll long seed) {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(12));
        SyncStateMachine machine = new SyncStateMachine(policy, new SplittableRandom(seed));
        SyncState state = new SyncState(SyncStatus.PENDING, attemptsUsed, T0, null, null, null, "r");
        for (int fault = 1; fault <= faults; fault++) {
            Instant at = state.nextRunAt();
            state = machine.apply(state, new SyncEvent.Claimed("w", at.plusSeconds(60)), at)
                    .nextState()
                    .orElseThrow();
            state = machine.apply(state, new SyncEvent.RetryableFailure("reset"), at)
                    .nextState()
                    .orElseThrow();
            assertThat(state.status()).isEqualTo(SyncStatus.RETRYING);
            assertThat(state.attempts()).isEqualTo(attemptsUsed);
            assertThat(state.transientFaults()).isEqualTo(new TransientFaults(fault, T0));
            assertThat(state.nextRunAt()).isBetween(at, at.plus(policy.ceiling(fault)));
        }
    }

    @Property
    void only_transient_faults_fail_a_sync_after_every_attempt_had_its_whole_window(
            @ForAll @IntRange(min = 1, max = 4) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 120) int windowMinutes,
            @ForAll long seed) {
        Duration window = Duration.ofMinutes(windowMinutes);
        SyncStateMachine machine = new SyncStateMachine(
                new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(1), window),
                new SplittableRandom(seed));
        SyncState state = SyncState.pending(T0);
        Instant at = T0;
        while (state.status() != SyncStatus.FAILED) {
            at = state.nextRunAt();
            state = machine.apply(state, new SyncEvent.Claimed("w", at.plusSeconds(60)), at)
                    .nextState()
                    .orElseThrow();
            state = machine.apply(state, new SyncEvent.RetryableFailure("reset"), at)
                    .nextState()
                    .orElseThrow();
            assertThat(at).isBefore(T0.plus(window.plusMinutes(2).multipliedBy(maxAttempts)));
        }
        assertThat(state.attempts()).isEqualTo(maxAttempts);
        assertThat(at).isAfterOrEqualTo(T0.plus(window.multipliedBy(maxAttempts)));
    }

    @Property
    void backoff_stays_between_zero_and_the_capped_exponential(
            @ForAll @IntRange(min = 1, max = 200) int attempt,
            @ForAll @IntRange(min = 1, max = 100_000) int baseMillis,
            @ForAll @IntRange(min = 0, max = 10_000_000) int extraCapMillis,
            @ForAll long seed) {
        RetryPolicy policy = new RetryPolicy(
                3, Duration.ofMillis(baseMillis), Duration.ofMillis(baseMillis + (long) extraCapMillis));
        Duration delay = policy.backoff(attempt, new SplittableRandom(seed));
        double exponential = baseMillis * Math.pow(2, attempt - 1);
        assertThat(delay.toMillis()).isBetween(0L, (long) Math.min(baseMillis + (long) extraCapMillis, exponential));
    }

    @Property
    void a_retry_is_never_scheduled_before_the_failure(
            @ForAll @IntRange(min = 0, max = 1) int attemptsUsed, @ForAll long seed) {
        SyncStateMachine machine = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(seed));
        SyncState syncing = new SyncState(
                SyncStatus.SYNCING, attemptsUsed, T0, null, new Lease("w", T0.plusSeconds(60)), null, "r");
        SyncState next = machine.apply(syncing, new SyncEvent.RetryableFailure("503"), T0)
                .nextState()
                .orElseThrow();
        assertThat(next.nextRunAt()).isBetween(T0, T0.plus(RetryPolicy.DEFAULT.ceiling(attemptsUsed + 1)));
    }

    private static SyncStateMachine machine(int maxAttempts, long seed) {
        return new SyncStateMachine(
                new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                new SplittableRandom(seed));
    }
}
