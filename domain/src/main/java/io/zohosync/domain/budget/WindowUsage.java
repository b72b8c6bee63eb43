package io.zohosync.domain.budget;

import io.zohosync.domain.common.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Value: what a sliding window holds, as {@link Budget} needs it: the newest calls in the window, at most
 * the window's limit of them, and when the oldest of those was made ({@code null} when there are none).
 * The window frees a call when that oldest one leaves it.
 */
public record WindowUsage(int calls, Instant oldest) {

    public static final WindowUsage EMPTY = new WindowUsage(0, null);

    public WindowUsage {
        new Checks()
                .rule(calls >= 0, "calls", "must not be negative")
                .rule((calls == 0) == (oldest == null), "oldest", "is given exactly when there are calls")
                .throwIfAny();
    }

    /** The window once {@code calls} more calls were made at {@code now}, no earlier than the ones it holds. */
    public WindowUsage withCalls(int calls, Instant now) {
        return new WindowUsage(this.calls + calls, oldest == null ? now : oldest);
    }

    /** Counts {@code ascending} (call times, oldest first): the newest at most {@code limit} made after {@code since}. */
    public static WindowUsage of(List<Instant> ascending, Instant since, int limit) {
        int calls = 0;
        Instant oldest = null;
        for (int i = ascending.size() - 1;
                i >= 0 && calls < limit && ascending.get(i).isAfter(since);
                i--) {
            oldest = ascending.get(i);
            calls++;
        }
        return new WindowUsage(calls, oldest);
    }
}
