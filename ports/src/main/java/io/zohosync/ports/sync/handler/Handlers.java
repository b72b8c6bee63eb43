package io.zohosync.ports.sync.handler;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.out.JobKind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registered handlers, one per entity type and target. */
public final class Handlers {

    private record Key(EntityType type, SyncTarget target) {}

    private final Map<Key, SyncHandler<?>> byKey = new HashMap<>();

    public Handlers(List<SyncHandler<?>> handlers) {
        for (SyncHandler<?> handler : handlers) {
            if (byKey.put(new Key(handler.type(), handler.target()), handler) != null) {
                throw new IllegalArgumentException("two handlers sync "
                        + handler.type().wire() + " to " + handler.target().wire());
            }
        }
    }

    /** The targets some handler writes to. */
    public Set<SyncTarget> targets() {
        Set<SyncTarget> targets = EnumSet.noneOf(SyncTarget.class);
        byKey.keySet().forEach(k -> targets.add(k.target()));
        return targets;
    }

    /** The targets some handler writes to one job at a time (not in batches). */
    public Set<SyncTarget> singleTargets() {
        Set<SyncTarget> targets = EnumSet.noneOf(SyncTarget.class);
        byKey.forEach((k, h) -> {
            if (!(h instanceof BatchSyncHandler<?>)) {
                targets.add(k.target());
            }
        });
        return targets;
    }

    /** The kinds whose handler writes in batches ({@link BatchSyncHandler}). */
    public Set<JobKind> batched() {
        Set<JobKind> kinds = new java.util.HashSet<>();
        byKey.forEach((k, h) -> {
            if (h instanceof BatchSyncHandler<?>) {
                kinds.add(new JobKind(k.type(), k.target()));
            }
        });
        return Set.copyOf(kinds);
    }

    /** The batch handler of a kind. */
    public Optional<BatchSyncHandler<?>> batchOf(JobKind kind) {
        return byKey.get(new Key(kind.type(), kind.target())) instanceof BatchSyncHandler<?> batch
                ? Optional.of(batch)
                : Optional.empty();
    }

    public Optional<SyncHandler<?>> of(SyncKey key) {
        return Optional.ofNullable(byKey.get(new Key(key.type(), key.target())));
    }
}
