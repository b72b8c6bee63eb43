package io.zohosync.ports.out;

/**
 * A job a worker holds under lease. {@code leaseSeq} fences the outcome: only the current lease
 * holder can record one. {@code attempts} counts earlier runs whose outcome is known;
 * {@code outcomeUnsure} says an earlier run may have written to Zoho without us learning the
 * result, so the worker must look for the record's marker before writing (design.md §6).
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
        boolean outcomeUnsure,
        String zohoId) {}
