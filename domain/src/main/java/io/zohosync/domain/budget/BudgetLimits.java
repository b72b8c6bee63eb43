package io.zohosync.domain.budget;

import io.zohosync.domain.common.Checks;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Value: one Zoho organization's allowance for one product (design.md §8): calls per clock minute,
 * calls per day (the day starting at midnight in {@code dayZone}), and calls in flight at once.
 */
public record BudgetLimits(int perMinute, int perDay, int concurrency, ZoneId dayZone) {

    /** Books on a paid plan: 100 a minute, 10 at once; the daily figure is the plan's or a lower cap. */
    public static BudgetLimits books(int perDay) {
        return new BudgetLimits(100, perDay, 10, ZoneOffset.UTC);
    }

    public BudgetLimits {
        new Checks()
                .rule(perMinute >= 1, "per_minute", "must be at least 1")
                .rule(perDay >= 1, "per_day", "must be at least 1")
                .rule(concurrency >= 1, "concurrency", "must be at least 1")
                .throwIfAny();
        dayZone = dayZone == null ? ZoneOffset.UTC : dayZone;
    }
}
