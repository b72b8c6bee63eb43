package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.time.Instant;

/** Outbound port: waiting without blocking, until {@code at} (a timer of the runtime's). */
@FunctionalInterface
public interface Pause {
    Future<Void> until(Instant at);
}
