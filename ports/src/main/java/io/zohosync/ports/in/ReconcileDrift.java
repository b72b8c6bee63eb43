package io.zohosync.ports.in;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.reconcile.Drift;
import java.time.Instant;

/**
 * Read model: one drift of a report: the record, the rules' judgement, and — once a repair was asked — what it did
 * ({@code repairedAt} set when it was applied; {@code repairOutcome} says why not otherwise).
 */
public record ReconcileDrift(
        long id, long reportId, SyncKey key, Drift drift, Instant repairedAt, String repairOutcome) {}
