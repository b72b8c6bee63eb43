package io.zohosync.domain.sync;

import io.zohosync.domain.common.Checks;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Domain rule: how often a sync is tried and how long to wait between tries — exponential
 * backoff with full jitter, {@code delay = random(0 .. min(cap, base * 2^(attempt-1)))}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Three attempts, 30 s base, one hour cap (design.md §4: every figure configurable). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1));

    public RetryPolicy {
        new Checks()
                .rule(maxAttempts >= 1, "max_attempts", "must be at least 1")
                .rule(baseDelay != null && baseDelay.toMillis() > 0, "base_delay", "must be positive")
                .rule(
                        maxDelay != null && baseDelay != null && maxDelay.compareTo(baseDelay) >= 0,
                        "max_delay",
                        "must be at least the base delay")
                .throwIfAny();
    }

    /** The upper bound of the wait after the given failed attempt (1-based): base doubled per attempt, capped. */
    public Duration ceiling(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1");
        }
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int doublings = failedAttempt - 1;
        if (doublings >= Long.numberOfLeadingZeros(base)) {
            return maxDelay;
        }
        return Duration.ofMillis(Math.min(cap, base << doublings));
    }

    /** The wait after the given failed attempt: uniformly random between zero and {@link #ceiling} inclusive. */
    public Duration backoff(int failedAttempt, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(failedAttempt).toMillis() + 1));
    }

    /** Whether a run that just failed as attempt number {@code failedAttempt} leaves another try. */
    public boolean hasAttemptAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }
}
