package io.zohosync.ports.out;

import io.vertx.core.Future;

/**
 * Outbound port: a nudge when a job may have become due, so a worker need not wait for its next
 * poll. Signals can be lost; polling stays the source of truth (design.md §7).
 */
public interface JobSignals {

    /** Starts calling {@code onDue} on every signal; completes once listening. */
    Future<Void> listen(Runnable onDue);

    Future<Void> close();
}
