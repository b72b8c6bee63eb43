package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Outbound port: the last Zoho Billing event the events poll has seen (V20), so a pass starts where the last ended. */
public interface BillingEventCursor {

    /** The last seen event's id; empty before the first pass. */
    Future<Optional<String>> lastSeen();

    /** Remembers {@code eventId} (of Zoho's time {@code eventTime}, null when unknown) as the last seen. */
    Future<Void> seen(String eventId, Instant eventTime, Instant now);
}
