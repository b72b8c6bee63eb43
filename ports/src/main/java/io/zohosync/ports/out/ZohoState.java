package io.zohosync.ports.out;

import java.time.Instant;
import java.util.Map;

/**
 * What Zoho last said of a synced record, mirrored on the platform's side: a Billing subscription's status
 * ({@code live}, {@code non_renewing}, {@code cancelled}…) with its plan and term, an invoice's status and balance.
 * {@code zohoTime} is when Zoho says it became so (an event's time, a read's time): an older state never replaces a
 * newer one, so a late webhook cannot undo a later change. {@code source} names where it came from ({@code sync}, a
 * webhook's event id, {@code poll}, {@code reconcile}).
 */
public record ZohoState(String status, Map<String, Object> details, Instant zohoTime, String source) {

    public ZohoState {
        if (status == null || status.isBlank() || details == null || zohoTime == null || source == null) {
            throw new IllegalArgumentException("status, details, zohoTime and source are required");
        }
        details = Map.copyOf(details);
    }
}
