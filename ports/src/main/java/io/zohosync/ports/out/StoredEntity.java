package io.zohosync.ports.out;

import io.zohosync.domain.entity.EntityRef;
import java.time.Instant;
import java.util.Map;

/**
 * A platform entity as stored: its wire form ({@code payload}, plain Java maps, lists, strings, numbers and
 * booleans), a version counting its changes, the hash of its canonical form, and when it was first received.
 */
public record StoredEntity(EntityRef ref, Map<String, Object> payload, int version, String payloadHash, Instant receivedAt) {

    public StoredEntity {
        payload = Map.copyOf(payload);
    }
}
