package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.ports.out.ConsentStates;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory adapter for {@link ConsentStates}: nonces in a map, each taken out by its first use. */
public final class InMemoryConsentStates implements ConsentStates {

    private final Map<String, Instant> open = new HashMap<>();

    @Override
    public synchronized Future<Void> issue(String nonce, Instant expiresAt, Instant now) {
        open.put(nonce, expiresAt);
        return Future.succeededFuture();
    }

    @Override
    public synchronized Future<Boolean> consume(String nonce, Instant now) {
        Instant expires = open.remove(nonce);
        return Future.succeededFuture(expires != null && expires.isAfter(now));
    }
}
