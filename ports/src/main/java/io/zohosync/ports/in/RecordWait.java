package io.zohosync.ports.in;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;

/** Read model: one record waiting for another (a prerequisite) since a time, with each side's status now. */
public record RecordWait(
        SyncKey waiting, SyncStatus waitingStatus, SyncKey needs, SyncStatus needsStatus, Instant since) {}
