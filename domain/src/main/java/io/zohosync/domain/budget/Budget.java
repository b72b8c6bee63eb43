package io.zohosync.domain.budget;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Domain rule: budget arithmetic over fixed windows — the clock minute and the day in the limits'
 * zone. Calls are counted when made; a finishing time assumes calls take no time, so concurrency
 * bounds how fast, not how many, and is left out of it.
 */
public final class Budget {

    private Budget() {}

    /** Whether one more call may be made at {@code now}; the day window outranks the minute window. */
    public static BudgetDecision permit(BudgetLimits limits, BudgetUsage usage, Instant now) {
        if (usage.inFlight() >= limits.concurrency()) {
            return new BudgetDecision.WaitForSlot(usage.inFlight() + " of " + limits.concurrency() + " calls in flight");
        }
        if (usage.callsToday() >= limits.perDay()) {
            return new BudgetDecision.WaitUntil(dayEnd(limits, now), "daily allowance of " + limits.perDay() + " spent");
        }
        if (usage.callsThisMinute() >= limits.perMinute()) {
            return new BudgetDecision.WaitUntil(minuteEnd(now), "allowance of " + limits.perMinute() + " a minute spent");
        }
        return new BudgetDecision.Allowed();
    }

    /** When the last of {@code calls} more calls can be made, starting at {@code now} with {@code usage} spent. */
    public static Instant finishTime(BudgetLimits limits, BudgetUsage usage, Instant now, long calls) {
        long left = calls;
        long minuteUsed = usage.callsThisMinute();
        long dayUsed = usage.callsToday();
        Instant t = now;
        while (left > 0) {
            long take = Math.min(left, Math.max(0, Math.min(limits.perMinute() - minuteUsed, limits.perDay() - dayUsed)));
            left -= take;
            dayUsed += take;
            if (left > 0) {
                Instant nextMinute = minuteEnd(t);
                Instant nextDay = dayEnd(limits, t);
                boolean dayOver = dayUsed >= limits.perDay() || !nextMinute.isBefore(nextDay);
                t = dayOver ? nextDay : nextMinute;
                dayUsed = dayOver ? 0 : dayUsed;
                minuteUsed = 0;
            }
        }
        return t;
    }

    /** The finishing time of jobs of the given costs (see {@link JobCost}). */
    public static Instant finishTimeOfJobs(BudgetLimits limits, BudgetUsage usage, Instant now, List<Integer> costs) {
        return finishTime(limits, usage, now, costs.stream().mapToLong(Integer::longValue).sum());
    }

    static Instant minuteEnd(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    static Instant dayEnd(BudgetLimits limits, Instant now) {
        return now.atZone(limits.dayZone()).toLocalDate().plusDays(1).atStartOfDay(limits.dayZone()).toInstant();
    }
}
