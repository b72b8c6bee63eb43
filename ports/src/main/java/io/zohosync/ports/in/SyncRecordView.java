package io.zohosync.ports.in;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;

/** Read model: one entity's sync state towards one Zoho target, as an admin sees it. */
public record SyncRecordView(
        SyncKey key,
        SyncStatus status,
        String zohoId,
        int attempts,
        String lastError,
        String reason,
        Instant nextRunAt,
        Instant updatedAt) {}
