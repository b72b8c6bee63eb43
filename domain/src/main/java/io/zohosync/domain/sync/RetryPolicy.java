package io.zohosync.domain.sync;

import io.zohosync.domain.common.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Domain rule: how often a sync is tried and how long to wait between tries — exponential backoff with full
 * jitter, {@code delay = random(0 .. min(cap, base * 2^(n-1)))}, after the n-th failed attempt or the n-th
 * transient fault.
 *
 * <p>A transient fault (Zoho unreachable, 5xx, a timeout, a reset connection: nobody answered the question) does
 * not use one of the {@code maxAttempts}: the attempt is tried again, backing off per fault, until
 * {@code transientWindow} has passed since its first fault; only then does the attempt count as failed.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration transientWindow) {

    /** How long one attempt keeps retrying transient faults unless configured otherwise. */
    public static final Duration DEFAULT_TRANSIENT_WINDOW = Duration.ofHours(12);

    /** The longest transient window accepted (keeps every due time far from overflowing). */
    static final Duration LONGEST_TRANSIENT_WINDOW = Duration.ofDays(30);

    /** Three attempts, 30 s base, one hour cap, 12 hours of transient faults per attempt (design.md §4: every figure configurable). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1));

    public RetryPolicy {
        new Checks()
                .rule(maxAttempts >= 1, "max_attempts", "must be at least 1")
                .rule(baseDelay != null && baseDelay.toMillis() > 0, "base_delay", "must be positive")
                .rule(
                        maxDelay != null && baseDelay != null && maxDelay.compareTo(baseDelay) >= 0,
                        "max_delay",
                        "must be at least the base delay")
                .rule(
                        transientWindow != null
                                && transientWindow.compareTo(Duration.ZERO) > 0
                                && transientWindow.compareTo(LONGEST_TRANSIENT_WINDOW) <= 0,
                        "transient_window",
                        "must be positive and at most " + LONGEST_TRANSIENT_WINDOW.toDays() + " days")
                .throwIfAny();
    }

    /** A policy with the {@link #DEFAULT_TRANSIENT_WINDOW}. */
    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        this(maxAttempts, baseDelay, maxDelay, DEFAULT_TRANSIENT_WINDOW);
    }

    /** The upper bound of the wait after the given failed attempt or fault (1-based): base doubled per step, capped. */
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

    /** The wait after the given failed attempt or fault: uniformly random between zero and {@link #ceiling} inclusive. */
    public Duration backoff(int failedAttempt, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceiling(failedAttempt).toMillis() + 1));
    }

    /** Whether a run that just failed as attempt number {@code failedAttempt} leaves another try. */
    public boolean hasAttemptAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }

    /** Whether an attempt whose first transient fault was at {@code since} has had its window by {@code now}. */
    public boolean transientWindowSpent(Instant since, Instant now) {
        return !now.isBefore(since.plus(transientWindow));
    }
}
