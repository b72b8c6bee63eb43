package io.zohosync.domain.prereq;

import io.zohosync.domain.common.Checks;
import java.util.Locale;

/** Value: one platform entity by type and platform id (a sku or plan code for items and plans). */
public record EntityRef(EntityType type, String id) {

    public EntityRef {
        new Checks().rule(type != null, "type", "is required").required("id", id).throwIfAny();
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + " " + id;
    }
}
