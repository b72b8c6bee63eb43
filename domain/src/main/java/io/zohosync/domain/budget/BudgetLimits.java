package io.zohosync.domain.budget;

import io.zohosync.domain.common.Checks;

/**
 * Value: one Zoho counter's allowance (design.md §8): calls in any sliding minute, calls in any sliding
 * 24 hours, and calls in flight at once. The figures for each product live in the port's
 * {@code ZohoApiLimits.defaults}; this type only says what a valid allowance is.
 */
public record BudgetLimits(int perMinute, int perDay, int concurrency) {

    public BudgetLimits {
        new Checks()
                .rule(perMinute >= 1, "per_minute", "must be at least 1")
                .rule(perDay >= 1, "per_day", "must be at least 1")
                .rule(concurrency >= 1, "concurrency", "must be at least 1")
                .throwIfAny();
    }
}
