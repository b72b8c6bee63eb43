package io.zohosync.domain.sync;

import io.zohosync.domain.common.Checks;
import java.time.Instant;

/** Value: a worker's claim on a sync until a moment; after it the rescuer may take it back. */
public record Lease(String workerId, Instant until) {

    public Lease {
        new Checks()
                .required("worker_id", workerId)
                .rule(until != null, "lease_until", "is required")
                .throwIfAny();
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(until);
    }
}
