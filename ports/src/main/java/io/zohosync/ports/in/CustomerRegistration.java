package io.zohosync.ports.in;

import io.zohosync.domain.sync.SyncStatus;

/** Result of registering a customer: what happened to the record and where its sync stands. */
public record CustomerRegistration(String platformId, Outcome outcome, SyncStatus status) {

    /** What the request did. */
    public enum Outcome {
        /** First time this platform id was seen: stored and queued. */
        CREATED,
        /** Known customer whose data changed: stored and (re)queued. */
        UPDATED,
        /** Known customer, same data: nothing queued. */
        UNCHANGED,
        /** Same Idempotency-Key and body as an earlier request: nothing done again. */
        REPLAYED,
        /** Same Idempotency-Key with a different body: refused, nothing stored. */
        KEY_REUSED
    }
}
