package io.zohosync.ports.out;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncState;
import java.util.Optional;

/**
 * A job a worker holds under lease. {@code leaseSeq} fences the outcome: only the current lease holder
 * can record one. {@code state} is the record as the claim left it (syncing, with the attempts and the
 * Zoho link it had); {@code outcomeUnsure} says an earlier run set out to create the Zoho record without
 * learning the result, so the worker must look for the record's marker before writing (design.md §6).
 * {@code stored} is the entity as stored when the job was claimed, when the claim read it with the job (empty: the
 * worker reads it, {@link EntityStore#of}).
 */
public record ClaimedJob(
        long jobId, int leaseSeq, SyncKey key, SyncState state, boolean outcomeUnsure, Optional<StoredEntity> stored) {

    public String workerId() {
        return state.leaseOwner().orElseThrow();
    }

    public String zohoId() {
        return state.zohoId();
    }
}
