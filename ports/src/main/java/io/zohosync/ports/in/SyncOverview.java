package io.zohosync.ports.in;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.SyncStatus;
import java.util.List;
import java.util.Map;

/** Read model: counts per entity type and status, and the most recently changed records. */
public record SyncOverview(
        boolean syncEnabled, Map<EntityType, Map<SyncStatus, Long>> counts, List<SyncRecordView> recent) {}
