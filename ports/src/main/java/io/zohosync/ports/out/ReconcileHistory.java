package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.ports.in.ReconcileReport;
import java.util.Optional;

/** Outbound port: the newest reconciliation that ended, if any — what the drift alert reads. */
@FunctionalInterface
public interface ReconcileHistory {
    Future<Optional<ReconcileReport>> latestEnded();
}
