package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound port: the provider events that could not become a platform fact by themselves (naming no customer, a
 * payment that failed), kept once per provider and event id with their verified body until a person resolves them.
 */
public interface InboundEvents {

    /** Where a kept event stands. */
    enum Status {
        /** Names no platform customer (or carries too little to be recorded): waits for an admin to match it. */
        UNMATCHED,
        /** A payment the provider reports as failed: kept for a person to follow up; nothing goes to Zoho. */
        FAILED_PAYMENT,
        /** An admin dealt with it. */
        RESOLVED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status of a wire name; {@link IllegalArgumentException} when there is none. */
        public static Status fromWire(String value) {
            for (Status status : values()) {
                if (status.wire().equals(value)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("no inbound event status '" + value + "'");
        }
    }

    /**
     * An event as it arrived: its provider ({@code source}), the provider's event id and type, why it is kept, what
     * it says of money and platform ids (any of them may be null), a summary of its metadata, and its verified body.
     */
    record Received(
            String source,
            String eventId,
            String type,
            Status status,
            String reason,
            Instant receivedAt,
            BigDecimal amount,
            String currency,
            String customerId,
            String orderId,
            Map<String, String> metadata,
            String rawBody) {
        public Received {
            if (source == null || eventId == null || type == null || status == null || rawBody == null) {
                throw new IllegalArgumentException("source, event id, type, status and body are required");
            }
            if (status == Status.RESOLVED) {
                throw new IllegalArgumentException("an event arrives unresolved");
            }
            metadata = Map.copyOf(metadata);
        }
    }

    /** A kept event without its body; {@code resolved*} are null until it is resolved. */
    record Kept(
            long id,
            String source,
            String eventId,
            String type,
            Status status,
            String reason,
            Instant receivedAt,
            BigDecimal amount,
            String currency,
            String customerId,
            String orderId,
            Map<String, String> metadata,
            Instant resolvedAt,
            String resolvedBy,
            String resolution) {}

    /** A kept event with the body it arrived with. */
    record Detail(Kept event, String rawBody) {}

    /** One page of kept events, by id after {@code afterId}; an empty status or source means any. */
    record Page(Optional<Status> status, Optional<String> source, long afterId, int limit) {}

    /** Keeps the event unless one with its source and event id is kept already; whether it was new. */
    Future<Boolean> keep(Received event);

    /** The page's events in ascending id order. */
    Future<List<Kept>> list(Page page);

    Future<Optional<Detail>> find(long id);

    /**
     * Marks an unresolved event resolved by {@code by} at {@code at}, saying how and naming the entity it became
     * ({@code became}, null for none: that entity's page lists it among its sources); false when it is unknown or
     * already resolved (another admin was first), and nothing changes.
     */
    Future<Boolean> resolve(long id, String by, String resolution, EntityRef became, Instant at);
}
