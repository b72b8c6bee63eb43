package io.zohosync.domain.budget;

import io.zohosync.domain.common.Checks;

/** Value: the shared counters for the current minute and day window, and the calls now in flight. */
public record BudgetUsage(int callsThisMinute, int callsToday, int inFlight) {

    public static final BudgetUsage NONE = new BudgetUsage(0, 0, 0);

    public BudgetUsage {
        new Checks()
                .rule(callsThisMinute >= 0, "calls_this_minute", "must not be negative")
                .rule(callsToday >= callsThisMinute, "calls_today", "must include this minute's calls")
                .rule(inFlight >= 0, "in_flight", "must not be negative")
                .throwIfAny();
    }
}
