package io.zohosync.domain.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Domain rule: budget arithmetic over sliding windows — no more than the limit in any minute and in any
 * 24 hours, whenever those start — the one model that stays under Zoho's limits whether Zoho counts
 * clock minutes, windows opened by a first call, or rolling ones (see package-info). Both
 * budget adapters only count and store; this class decides.
 */
public final class Budget {

    /**
     * How much longer than Zoho's window a call stays in ours: calls reach Zoho a varying moment after their
     * permit, and a burst let out the instant a window reopens must not land in Zoho's previous window.
     */
    public static final Duration MARGIN = Duration.ofSeconds(2);
    /** The sliding minute as counted: Zoho's minute and the margin. */
    public static final Duration MINUTE = Duration.ofMinutes(1).plus(MARGIN);
    /** The sliding day as counted: Zoho's 24 hours and the margin. */
    public static final Duration DAY = Duration.ofDays(1).plus(MARGIN);
    /**
     * A slot frees when a call in flight ends, at no known time: ask again this much later. A second, not less:
     * the worker does not claim work while no slot is free, so this is only the rare race a refusal inside a job
     * loses, and a shorter wait would only turn it into more deferrals.
     */
    public static final Duration SLOT_RETRY = Duration.ofSeconds(1);

    private static final BudgetDecision ALLOWED = new BudgetDecision.Allowed();

    private Budget() {}

    /**
     * Whether one more call may be made at {@code now}: {@link #reserve} of one call. {@code usage} counts each
     * window's newest calls up to the window's limit.
     */
    public static BudgetDecision permit(BudgetLimits limits, BudgetUsage usage, Instant now) {
        return reserve(limits, usage, now, 1);
    }

    /** How many calls one reservation may hold: no more than any window holds, so that it can ever fit. */
    public static int reservable(BudgetLimits limits, int calls) {
        return Math.max(1, Math.min(calls, Math.min(limits.perMinute(), limits.perDay())));
    }

    /**
     * How many of a window's newest calls {@code usage} must count for {@link #reserve} of {@code calls}: the
     * window has room for them exactly when it holds fewer than this many.
     */
    public static int counted(int limit, int calls) {
        return Math.max(1, limit - calls + 1);
    }

    /**
     * Whether {@code calls} more calls may be reserved at {@code now}, all together (a job's planned calls), holding
     * one concurrency slot. {@code usage} counts each window's newest {@link #counted} calls. A closed limit answers
     * when every closed limit has room for all of them, naming the one that opens last; a full concurrency count is
     * asked about only then. {@code calls} must be {@link #reservable}.
     */
    public static BudgetDecision reserve(BudgetLimits limits, BudgetUsage usage, Instant now, int calls) {
        if (calls < 1 || calls != reservable(limits, calls)) {
            throw new IllegalArgumentException(calls + " calls cannot be reserved under " + limits);
        }
        BudgetDecision.WaitUntil wait = null;
        for (Limit limit : Limit.values()) {
            Instant until = usage.blockedUntil().get(limit);
            if (until != null && now.isBefore(until)) {
                wait = later(
                        wait, new BudgetDecision.WaitUntil(limit, until, "Zoho refused calls (" + limit + " limit)"));
            }
        }
        if (usage.minute().calls() >= counted(limits.perMinute(), calls)) {
            wait = later(
                    wait,
                    new BudgetDecision.WaitUntil(
                            Limit.MINUTE,
                            usage.minute().oldest().plus(MINUTE),
                            "allowance of " + limits.perMinute() + " a minute spent"));
        }
        if (usage.day().calls() >= counted(limits.perDay(), calls)) {
            wait = later(
                    wait,
                    new BudgetDecision.WaitUntil(
                            Limit.DAY,
                            usage.day().oldest().plus(DAY),
                            "allowance of " + limits.perDay() + " a day spent"));
        }
        if (wait != null) {
            return wait;
        }
        if (usage.inFlight() >= limits.concurrency()) {
            return new BudgetDecision.WaitUntil(
                    Limit.CONCURRENCY,
                    now.plus(SLOT_RETRY),
                    usage.inFlight() + " of " + limits.concurrency() + " calls in flight");
        }
        return ALLOWED;
    }

    /**
     * How many calls could start at once now: the free concurrency slots, no more than the windows leave
     * ({@link #windowRoom}); none while Zoho blocks a limit.
     */
    public static int freeSlots(BudgetLimits limits, BudgetUsage usage, Instant now) {
        return Math.max(0, Math.min(limits.concurrency() - usage.inFlight(), windowRoom(limits, usage, now)));
    }

    /**
     * How many more calls both windows hold now, one after another whatever the concurrency ({@code usage} counting
     * each window's newest calls up to its limit); none while Zoho blocks a limit.
     */
    public static int windowRoom(BudgetLimits limits, BudgetUsage usage, Instant now) {
        for (Instant until : usage.blockedUntil().values()) {
            if (now.isBefore(until)) {
                return 0;
            }
        }
        int room = Math.min(
                limits.perMinute() - usage.minute().calls(),
                limits.perDay() - usage.day().calls());
        return Math.max(0, room);
    }

    /**
     * When the last of {@code calls} more calls can be made, each as soon as {@link #permit} would allow it,
     * after the {@code recentCalls} of the last day and once Zoho's blocks have ended. Calls are counted as
     * instantaneous, so concurrency bounds how fast, not how many, and is left out.
     */
    public static Instant finishTime(
            BudgetLimits limits, List<Instant> recentCalls, Map<Limit, Instant> blockedUntil, Instant now, long calls) {
        if (calls <= 0) {
            return now;
        }
        Instant t = now;
        for (Instant until : blockedUntil.values()) {
            t = latest(t, until);
        }
        List<Instant> past = new ArrayList<>(recentCalls);
        past.sort(null);
        NewestCalls made =
                new NewestCalls((int) Math.min(Math.max(limits.perMinute(), limits.perDay()), past.size() + calls));
        past.forEach(made::add);
        for (long i = 0; i < calls; i++) {
            t = latest(t, reopening(made.newest(limits.perMinute()), MINUTE));
            t = latest(t, reopening(made.newest(limits.perDay()), DAY));
            made.add(t);
        }
        return t;
    }

    private static Instant reopening(Instant nthNewest, Duration window) {
        return nthNewest == null ? null : nthNewest.plus(window);
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static BudgetDecision.WaitUntil later(
            BudgetDecision.WaitUntil current, BudgetDecision.WaitUntil candidate) {
        return current == null || candidate.at().isAfter(current.at()) ? candidate : current;
    }

    /** The newest calls, as many as the larger limit: a window is full when its limit-th newest call is in it. */
    private static final class NewestCalls {
        private final Instant[] ring;
        private long count;

        NewestCalls(int capacity) {
            ring = new Instant[Math.max(1, capacity)];
        }

        void add(Instant call) {
            ring[(int) (count++ % ring.length)] = call;
        }

        /** The {@code n}-th newest call (1 is the newest), or null when fewer were made. */
        Instant newest(int n) {
            return n > count ? null : ring[(int) ((count - n) % ring.length)];
        }
    }
}
