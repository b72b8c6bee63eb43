package io.zohosync.ports.in;

import java.time.Instant;

/**
 * Read model: an inbound event a record came from — a fact the service acknowledged for it ({@code held} null: its
 * provider or idempotency scope and event id), or a provider event held for a person that names or became it
 * ({@code held} its id, with its type, status and what became of it).
 */
public record SourceEvent(
        String provider, String eventId, Instant receivedAt, Long held, String type, String status, String detail) {}
