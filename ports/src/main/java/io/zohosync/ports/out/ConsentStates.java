package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.time.Instant;

/** Outbound port: the nonces of consent requests, shared by all instances, each usable once before it expires. */
public interface ConsentStates {

    Future<Void> issue(String nonce, Instant expiresAt, Instant now);

    /** True exactly once for an issued, unexpired nonce; false when unknown, used or expired. */
    Future<Boolean> consume(String nonce, Instant now);
}
