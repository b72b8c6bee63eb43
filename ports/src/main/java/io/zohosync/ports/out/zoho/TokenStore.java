package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;

/**
 * Outbound port: where each Zoho connection's tokens live. {@link #update} is the single-flight
 * primitive: it holds an exclusive lock on the connection (within this process and, for a shared
 * store, across instances) while {@code change} runs, and saves what it returns before releasing it.
 */
public interface TokenStore {

    Future<Optional<ZohoTokens>> load(String connectionId);

    /**
     * Locks the connection, hands its current tokens (empty when none) to {@code change}, saves the
     * tokens the returned future completes with and answers them. A failed {@code change} saves nothing.
     */
    Future<ZohoTokens> update(String connectionId, Function<Optional<ZohoTokens>, Future<ZohoTokens>> change);
}
