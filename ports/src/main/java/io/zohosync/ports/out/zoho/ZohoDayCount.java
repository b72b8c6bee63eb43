package io.zohosync.ports.out.zoho;

import io.zohosync.domain.budget.BudgetDecision;
import io.zohosync.domain.budget.Limit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Value: Zoho's own count of the day, as an answer's {@code X-Rate-Limit-*} headers told it (zoho-api.md, field
 * notes): after the call made at {@code calledAt}, {@code remaining} calls are left until {@code resetAt}. Every
 * integration on the organization spends that count, so the budget allows no more than it leaves, whatever its own
 * sliding day would allow.
 *
 * <p>From {@code calledAt} on the budget counts its calls, that one among them, so {@code remaining + 1} of them
 * fit; the calls in flight when it was made may reach Zoho's count after it, and there are at most
 * {@code concurrency - 1} of them, so they are kept back too. The service may stop a few calls early, never late.
 */
public record ZohoDayCount(int remaining, Instant calledAt, Instant resetAt) {

    public ZohoDayCount {
        Objects.requireNonNull(calledAt, "calledAt");
        Objects.requireNonNull(resetAt, "resetAt");
        if (remaining < 0) {
            throw new IllegalArgumentException("Zoho's remaining count cannot be negative: " + remaining);
        }
    }

    /** Whether this report says more than {@code other}: made later, or at the same moment with fewer calls left. */
    public boolean supersedes(ZohoDayCount other) {
        return other == null
                || calledAt.isAfter(other.calledAt)
                || (calledAt.equals(other.calledAt) && remaining < other.remaining);
    }

    /**
     * How many more calls fit at {@code now}, when {@code callsSince} calls were counted from {@code calledAt} on;
     * {@link Integer#MAX_VALUE} once Zoho's day has reset (the report says nothing any more).
     */
    public int left(long callsSince, int concurrency, Instant now) {
        if (!now.isBefore(resetAt)) {
            return Integer.MAX_VALUE;
        }
        long left = remaining + 1L - callsSince - (concurrency - 1L);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    /**
     * The budget's answer for {@code calls} calls with Zoho's count ({@code count}, may be null) beside its own
     * decision {@code own}: a refusal when either refuses, naming the later moment both have room again.
     */
    public static Optional<BudgetPermit.Denied> refusal(
            BudgetDecision own, ZohoDayCount count, long callsSince, int calls, int concurrency, Instant now) {
        BudgetPermit.Denied denied = own instanceof BudgetDecision.WaitUntil wait ? BudgetPermit.Denied.of(wait) : null;
        if (count != null && count.left(callsSince, concurrency, now) < calls) {
            BudgetPermit.Denied byZoho = BudgetPermit.Denied.of(new BudgetDecision.WaitUntil(
                    Limit.DAY, count.resetAt, "Zoho has " + count.remaining + " calls left today"));
            denied = denied == null || byZoho.retryAt().isAfter(denied.retryAt()) ? byZoho : denied;
        }
        return Optional.ofNullable(denied);
    }
}
