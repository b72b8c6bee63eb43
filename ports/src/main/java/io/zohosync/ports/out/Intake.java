package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.util.Set;
import java.util.function.Function;

/** Outbound port: one transaction in which a fact, its entity and its sync records are recorded together, or nothing is. */
public interface Intake {

    /** Runs {@code work} in one transaction, committed when its future succeeds and rolled back when it fails. */
    <T> Future<T> inTransaction(Function<IntakeTransaction, Future<T>> work);

    /**
     * As {@link #inTransaction}, but the transaction may be shared with other concurrent work (group commit): one
     * commit makes all of it durable. {@code keys} name what the work touches (its entity, its Idempotency-Key);
     * work sharing a key never shares a transaction, and runs in the order it was given. The future succeeds only
     * once the work is committed; when the shared transaction fails, the work is run again in one of its own, and
     * answers with that. So {@code work} must be safe to run twice, touching nothing but {@code tx}.
     */
    default <T> Future<T> inSharedTransaction(Set<String> keys, Function<IntakeTransaction, Future<T>> work) {
        return inTransaction(work);
    }
}
