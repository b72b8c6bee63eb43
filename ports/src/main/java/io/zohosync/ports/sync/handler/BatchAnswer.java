package io.zohosync.ports.sync.handler;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.List;

/**
 * What Zoho answered for one record of a batch: success with the record's id ({@code logEvent} names what was done:
 * created, updated, noted…), or the failure as the classified outcome a single call would have had; or, with
 * {@code waitFor} set (and no outcome), that nothing was sent for it: it waits, using no attempt, until that other
 * record reaches Zoho.
 */
public record BatchAnswer(ZohoOutcome<String> outcome, String logEvent, SyncKey waitFor) {

    public BatchAnswer(ZohoOutcome<String> outcome, String logEvent) {
        this(outcome, logEvent, null);
    }

    public static BatchAnswer done(String zohoId, String logEvent) {
        return new BatchAnswer(new ZohoOutcome.Success<>(zohoId), logEvent);
    }

    /**
     * Nothing sent for this record: it must follow {@code other} (another record of the same batch, say the one whose
     * call creates what this one adds to), and runs again once {@code other} has reached Zoho.
     */
    public static BatchAnswer waitingFor(SyncKey other, String logEvent) {
        return new BatchAnswer(null, logEvent, other);
    }

    /** The same whole-call failure for each of {@code count} records. */
    public static List<BatchAnswer> all(ZohoOutcome<?> failure, int count) {
        BatchAnswer answer = new BatchAnswer(ZohoOutcome.retype(failure), "failed");
        return java.util.Collections.nCopies(count, answer);
    }
}
