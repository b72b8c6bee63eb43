package io.zohosync.ports.out;

import java.time.Instant;
import java.util.Map;

/**
 * A fact the platform must hear about (a stock level Zoho changed, a Billing payment), published in the same
 * transaction as the change that caused it and delivered later as a signed outbound webhook. {@code type} is the
 * event's name on the wire ({@code stock.changed}); {@code stream} orders deliveries: messages of one stream (one
 * item, one subscription) reach the platform in the order they were published; {@code data} is the JSON object sent.
 */
public record PlatformMessage(String type, String stream, Map<String, Object> data, Instant occurredAt) {

    public PlatformMessage {
        if (type == null
                || type.isBlank()
                || stream == null
                || stream.isBlank()
                || data == null
                || occurredAt == null) {
            throw new IllegalArgumentException("type, stream, data and occurredAt are required");
        }
        data = Map.copyOf(data);
    }
}
