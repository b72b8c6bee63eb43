package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.util.function.Function;

/** Outbound port: one transaction in which a fact, its entity and its sync records are recorded together, or nothing is. */
public interface Intake {

    /** Runs {@code work} in one transaction, committed when its future succeeds and rolled back when it fails. */
    <T> Future<T> inTransaction(Function<IntakeTransaction, Future<T>> work);
}
