package io.zohosync.domain.entity;

import io.zohosync.domain.common.Checks;

/** Value: one platform entity by type and platform id (a sku or plan code for items and plans). */
public record EntityRef(EntityType type, String id) {

    public EntityRef {
        new Checks()
                .rule(type != null, "type", "is required")
                .required("id", id)
                .throwIfAny();
    }

    /** This entity's sync towards {@code target}. */
    public SyncKey at(SyncTarget target) {
        return new SyncKey(type, id, target);
    }

    @Override
    public String toString() {
        return type.wire() + " " + id;
    }
}
