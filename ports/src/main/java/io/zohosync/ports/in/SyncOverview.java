package io.zohosync.ports.in;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read model: counts per entity type, target and status, and the most recently changed records. */
public record SyncOverview(
        boolean syncEnabled,
        Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>> countsByTarget,
        List<SyncRecordView> recent) {

    /** Per entity type, the records in each status, every target's together. */
    public Map<EntityType, Map<SyncStatus, Long>> counts() {
        Map<EntityType, Map<SyncStatus, Long>> counts = new TreeMap<>();
        countsByTarget.forEach((type, byTarget) -> byTarget.values()
                .forEach(byStatus -> byStatus.forEach(
                        (status, n) -> counts.computeIfAbsent(type, t -> new EnumMap<>(SyncStatus.class))
                                .merge(status, n, Long::sum))));
        return counts;
    }
}
