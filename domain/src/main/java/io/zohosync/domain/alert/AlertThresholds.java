package io.zohosync.domain.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When a condition becomes an incident: {@code failedSyncs} failed records or more; work due longer than
 * {@code stuckAfter} with nothing synced meanwhile; a meter's calls of the last day at {@code budgetPercent} of its
 * allowance or more. {@code quietPeriod}: how long an incident must stay clear before it is resolved, so a
 * condition that comes and goes is one incident and one message.
 */
public record AlertThresholds(long failedSyncs, Duration stuckAfter, int budgetPercent, Duration quietPeriod) {

    public AlertThresholds {
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (failedSyncs < 1) {
            throw new IllegalArgumentException("the failed-syncs threshold must be at least 1, not " + failedSyncs);
        }
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("the stuck threshold must be positive, not " + stuckAfter);
        }
        if (budgetPercent < 1 || budgetPercent > 100) {
            throw new IllegalArgumentException("the budget threshold must be 1 to 100 %, not " + budgetPercent);
        }
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("the quiet period must not be negative, not " + quietPeriod);
        }
    }
}
