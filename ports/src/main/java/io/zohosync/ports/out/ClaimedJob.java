package io.zohosync.ports.out;

/**
 * A job a worker holds under lease. {@code leaseSeq} fences the outcome: only the current lease
 * holder can record one. {@code attempts} already counts this attempt; {@code previousStatus} is
 * the record's status before the claim (a {@code syncing} there means an earlier outcome is unknown).
 */
public record ClaimedJob(
        long jobId,
        int leaseSeq,
        String workerId,
        String entityType,
        String entityId,
        String target,
        int attempts,
        String previousStatus,
        String zohoId) {}
