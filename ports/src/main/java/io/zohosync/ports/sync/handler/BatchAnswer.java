package io.zohosync.ports.sync.handler;

import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.List;

/**
 * What Zoho answered for one record of a batch: success with the record's id ({@code logEvent} names what was done:
 * created, updated, noted…), or the failure as the classified outcome a single call would have had.
 */
public record BatchAnswer(ZohoOutcome<String> outcome, String logEvent) {

    public static BatchAnswer done(String zohoId, String logEvent) {
        return new BatchAnswer(new ZohoOutcome.Success<>(zohoId), logEvent);
    }

    /** The same whole-call failure for each of {@code count} records. */
    public static List<BatchAnswer> all(ZohoOutcome<?> failure, int count) {
        BatchAnswer answer = new BatchAnswer(ZohoOutcome.retype(failure), "failed");
        return java.util.Collections.nCopies(count, answer);
    }
}
