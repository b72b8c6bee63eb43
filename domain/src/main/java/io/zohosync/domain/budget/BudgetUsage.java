package io.zohosync.domain.budget;

import io.zohosync.domain.common.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * Value: what one shared counter shows at one instant: its sliding minute and day (see {@link WindowUsage}),
 * the calls now in flight, and the limits Zoho itself closed with a 429 and until when.
 */
public record BudgetUsage(WindowUsage minute, WindowUsage day, int inFlight, Map<Limit, Instant> blockedUntil) {

    public static final BudgetUsage NONE = new BudgetUsage(WindowUsage.EMPTY, WindowUsage.EMPTY, 0, Map.of());

    public BudgetUsage {
        new Checks()
                .rule(minute != null, "minute", "is required")
                .rule(day != null, "day", "is required")
                .rule(inFlight >= 0, "in_flight", "must not be negative")
                .throwIfAny();
        blockedUntil = blockedUntil == null ? Map.of() : Map.copyOf(blockedUntil);
    }

    /**
     * The counts once {@code calls} calls more were reserved at {@code now} under one concurrency slot (what the next
     * reservation decided in the same breath sees): each window holds them as calls made now, one slot more is held.
     */
    public BudgetUsage withReserved(int calls, Instant now) {
        if (calls < 1) {
            throw new IllegalArgumentException("a reservation holds at least one call: " + calls);
        }
        return new BudgetUsage(minute.withCalls(calls, now), day.withCalls(calls, now), inFlight + 1, blockedUntil);
    }

    /** The same counts with no call in flight: how a call that runs under a slot already held sees them. */
    public BudgetUsage withoutCallsInFlight() {
        return new BudgetUsage(minute, day, 0, blockedUntil);
    }
}
