package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Outbound port: per sync record, the hash of the payload last sent to Zoho by a write that succeeded (issue 14): an
 * update whose payload hashes the same is not sent.
 */
public interface SentPayloads {

    /** Remembers nothing: every update is sent. */
    SentPayloads NONE = new SentPayloads() {
        @Override
        public Future<Optional<String>> hash(SyncKey key) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Void> sent(SyncKey key, String hash, Instant at) {
            return Future.succeededFuture();
        }
    };

    Future<Optional<String>> hash(SyncKey key);

    Future<Void> sent(SyncKey key, String hash, Instant at);
}
