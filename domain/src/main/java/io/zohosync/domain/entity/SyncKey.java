package io.zohosync.domain.entity;

import io.zohosync.domain.common.Checks;

/** Value: the key of one sync record — an entity (type and platform id) towards one Zoho target. */
public record SyncKey(EntityType type, String entityId, SyncTarget target) {

    public SyncKey {
        new Checks()
                .rule(type != null, "entity_type", "is required")
                .required("entity_id", entityId)
                .rule(target != null, "target", "is required")
                .throwIfAny();
    }

    public EntityRef entity() {
        return new EntityRef(type, entityId);
    }

    @Override
    public String toString() {
        return type.wire() + " " + entityId + " → " + target.wire();
    }
}
