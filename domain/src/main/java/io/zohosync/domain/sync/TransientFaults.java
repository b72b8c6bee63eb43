package io.zohosync.domain.sync;

import io.zohosync.domain.common.Checks;
import java.time.Instant;

/**
 * Value: the transient faults (Zoho unreachable, 5xx, a timeout, a reset connection) the current attempt of a
 * sync has met — how many, and since when. They do not use an attempt; {@link RetryPolicy#transientWindow()}
 * bounds how long they are retried.
 */
public record TransientFaults(int count, Instant since) {

    public TransientFaults {
        new Checks()
                .rule(count >= 1, "transient_faults", "must be at least 1")
                .rule(since != null, "transient_since", "is required")
                .throwIfAny();
    }

    /** The first fault of an attempt, at {@code now}. */
    static TransientFaults first(Instant now) {
        return new TransientFaults(1, now);
    }

    /** One more fault of the same attempt. */
    TransientFaults next() {
        return new TransientFaults(count + 1, since);
    }
}
