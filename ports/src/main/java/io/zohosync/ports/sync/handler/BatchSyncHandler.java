package io.zohosync.ports.sync.handler;

import io.vertx.core.Future;
import java.util.List;

/**
 * A flow whose writes Zoho takes many records a call (CRM's upsert of up to 100): the worker gathers the due jobs of
 * its type and target and hands them over together, one Zoho call a batch instead of one a job. The write is
 * idempotent by design (an upsert on duplicate-check fields), so the template's marker search and write intent are
 * not needed; the {@link SyncHandler} methods remain for the single-record paths (an admin's link is read with
 * {@link #read}).
 */
public interface BatchSyncHandler<E> extends SyncHandler<E> {

    /** The most records one batch holds. */
    int MAX_BATCH = 100;

    /**
     * Writes the entities; exactly one answer per item, in order. A failure of the whole call is every item's answer
     * (a 429: each item rate limited).
     */
    Future<List<BatchAnswer>> writeBatch(List<BatchItem<E>> items);
}
