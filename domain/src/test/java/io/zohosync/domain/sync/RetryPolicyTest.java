package io.zohosync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(60));

    @Test
    void the_default_is_three_attempts_from_thirty_seconds_capped_at_an_hour_with_twelve_hours_of_transient_faults() {
        assertThat(RetryPolicy.DEFAULT)
                .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(12)));
    }

    @Test
    void the_transient_window_is_spent_from_its_end_on() {
        RetryPolicy hour = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1));
        Instant since = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(hour.transientWindowSpent(since, since)).isFalse();
        assertThat(hour.transientWindowSpent(
                        since, since.plus(Duration.ofHours(1)).minusMillis(1)))
                .isFalse();
        assertThat(hour.transientWindowSpent(since, since.plus(Duration.ofHours(1))))
                .isTrue();
        assertThat(hour.transientWindowSpent(since, since.plus(Duration.ofHours(2))))
                .isTrue();
    }

    @Test
    void the_ceiling_doubles_per_failed_attempt_until_the_cap() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.ceiling(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.ceiling(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.ceiling(400)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void the_ceiling_never_overflows_for_huge_attempt_numbers() {
        RetryPolicy huge = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofDays(365_000));
        assertThat(huge.ceiling(62)).isEqualTo(Duration.ofDays(365_000));
        RetryPolicy unbounded = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(Long.MAX_VALUE));
        assertThat(unbounded.ceiling(63)).isEqualTo(Duration.ofMillis(1L << 62));
        assertThat(unbounded.ceiling(64)).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(huge.ceiling(30)).isEqualTo(Duration.ofMillis(1L << 29));
    }

    @Test
    void attempts_are_counted_from_one() {
        assertThatThrownBy(() -> policy.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void full_jitter_draws_from_zero_to_the_ceiling_inclusive() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            Duration d = policy.backoff(2, random);
            assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(20));
        }
        assertThat(policy.backoff(2, SyncStateMachineTest.TOP)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void another_attempt_follows_only_below_the_maximum() {
        assertThat(policy.hasAttemptAfter(4)).isTrue();
        assertThat(policy.hasAttemptAfter(5)).isFalse();
    }

    @Test
    void a_policy_rejects_nonsense_figures() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)).maxAttempts())
                .isEqualTo(1);
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RetryPolicy(1, second, second, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RetryPolicy(1, second, second, Duration.ZERO))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() ->
                        new RetryPolicy(1, second, second, Duration.ofDays(30).plusMillis(1)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at most 30 days");
        assertThat(new RetryPolicy(1, second, second, Duration.ofDays(30)).transientWindow())
                .isEqualTo(Duration.ofDays(30));
        assertThat(new RetryPolicy(1, second, second, Duration.ofMillis(1)).transientWindow())
                .isEqualTo(Duration.ofMillis(1));
    }
}
