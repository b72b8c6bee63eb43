package io.zohosync.ports.out;

import io.zohosync.domain.entity.EntityRef;
import java.time.Instant;
import java.util.Map;

/**
 * A platform entity as stored: its wire form ({@code payload}, plain Java maps, lists, strings, numbers and
 * booleans), a version counting its changes, the hash of its canonical form, when it was first received and
 * when it last changed.
 */
public record StoredEntity(
        EntityRef ref,
        Map<String, Object> payload,
        int version,
        String payloadHash,
        Instant receivedAt,
        Instant changedAt) {

    public StoredEntity {
        payload = Map.copyOf(payload);
    }
}
