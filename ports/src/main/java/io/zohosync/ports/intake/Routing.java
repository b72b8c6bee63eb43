package io.zohosync.ports.intake;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which Zoho targets each entity type is kept in (design.md §10: configuration, e.g. customers in Books and CRM). */
public record Routing(Map<EntityType, List<SyncTarget>> targets) {

    public Routing {
        Map<EntityType, List<SyncTarget>> copy = new EnumMap<>(EntityType.class);
        targets.forEach((type, list) -> copy.put(type, List.copyOf(list)));
        targets = Map.copyOf(copy);
    }

    /** The configured targets of a type, in order; the first is the one a single-target answer shows. */
    public List<SyncTarget> of(EntityType type) {
        return targets.getOrDefault(type, List.of());
    }

    public Set<EntityType> types() {
        return targets.keySet();
    }

    /** Every target some type is kept in: the Zoho products the service writes to. */
    public Set<SyncTarget> allTargets() {
        Set<SyncTarget> all = EnumSet.noneOf(SyncTarget.class);
        targets.values().forEach(all::addAll);
        return all;
    }
}
