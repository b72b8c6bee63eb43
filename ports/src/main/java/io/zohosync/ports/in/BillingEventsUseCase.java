package io.zohosync.ports.in;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inbound port: an event of Zoho Billing (its signed webhook, or the events poll) applied to the platform's side once
 * by its event id: the mapped record's mirrored Zoho state and one message for the platform, in one transaction.
 */
public interface BillingEventsUseCase {

    /** The source name events are kept and claimed under ({@code inbound_events}, held events). */
    String SOURCE = "zoho-billing";

    /**
     * One Billing event: its id, type ({@code payment_declined}), Zoho's time, its {@code data} object as JSON values
     * ({@code {"subscription":{…}}}), the raw body as received (kept with a held event) and where it came from
     * ({@code webhook}, {@code poll}).
     */
    record Event(String eventId, String type, Instant time, Map<String, Object> data, String rawBody, String via) {
        public Event {
            if (eventId == null || eventId.isBlank() || type == null || time == null || data == null) {
                throw new IllegalArgumentException("event id, type, time and data are required");
            }
            data = Map.copyOf(data);
            rawBody = rawBody == null ? "" : rawBody;
        }
    }

    /** What became of an event. */
    enum Outcome {
        /** Mirrored and published now. */
        APPLIED,
        /** Applied before (by the webhook or the poll): nothing more. */
        REPEATED,
        /** Names an object the service does not know: kept for an admin. */
        UNMATCHED,
        /** A type the service does not act on. */
        IGNORED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Future<Outcome> receive(Event event);

    /** Zoho's event time ({@code 2016-06-05T18:28:20-0700}, or ISO-8601 with a colon in the offset); null when unreadable. */
    static Instant zohoTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (DateTimeFormatter format : List.of(
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME)) {
            try {
                return OffsetDateTime.parse(text.trim(), format).toInstant();
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }
}
