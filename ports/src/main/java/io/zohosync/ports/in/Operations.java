package io.zohosync.ports.in;

import io.zohosync.ports.out.zoho.BudgetAccount;
import java.time.Instant;
import java.util.List;

/**
 * Read model: how the sync runs at {@code now} — records that reached Zoho and that failed in the last 24 hours,
 * the records due (pending or retrying, their time come) and since when the oldest of them has been due (null: none;
 * the sync's lag), and each meter's API budget used.
 */
public record Operations(
        Instant now, long syncedLastDay, long failedLastDay, long due, Instant oldestDueSince, List<MeterUse> budget) {

    public Operations {
        budget = List.copyOf(budget);
    }

    /** Of the outcomes of the last 24 hours, the share that reached Zoho; null when there were none. */
    public Double successRate() {
        long outcomes = syncedLastDay + failedLastDay;
        return outcomes == 0 ? null : (double) syncedLastDay / outcomes;
    }

    /** A meter's calls counted by the budget in the last 24 hours and the last minute, against its allowances. */
    public record MeterUse(BudgetAccount.Meter meter, long lastDay, long lastMinute, int perDay, int perMinute) {}
}
