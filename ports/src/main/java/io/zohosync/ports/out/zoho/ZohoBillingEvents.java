package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** Outbound port: Zoho Billing's events API ({@code GET /events}, newest first; {@code GET /events/{id}}). */
public interface ZohoBillingEvents {

    /** An event as the list shows it: id, type and Zoho's time as written. */
    record Listed(String eventId, String type, String time) {}

    /** One page of the list, newest first, and whether another follows. */
    record Page(List<Listed> events, boolean more) {}

    /** Page {@code page} (from 1) of the events, {@code perPage} at most. */
    Future<ZohoOutcome<Page>> list(int page, int perPage);

    /** The event's {@code payload} (a JSON string in Zoho's event object) read as a JSON object. */
    Future<ZohoOutcome<Map<String, Object>>> payload(String eventId);
}
