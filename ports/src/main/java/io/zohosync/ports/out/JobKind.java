package io.zohosync.ports.out;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;

/** The jobs of one entity type towards one target: what a batched claim takes together. */
public record JobKind(EntityType type, SyncTarget target) {}
