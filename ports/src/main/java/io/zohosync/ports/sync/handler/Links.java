package io.zohosync.ports.sync.handler;

import io.zohosync.domain.entity.EntityRef;
import java.util.Map;

/** Value: the Zoho ids of an entity's prerequisites at the handler's target, resolved before it is written. */
public record Links(Map<EntityRef, String> zohoIds) {

    public static final Links NONE = new Links(Map.of());

    public Links {
        zohoIds = Map.copyOf(zohoIds);
    }

    /** The Zoho id of a prerequisite; the runner guarantees every declared prerequisite has one. */
    public String zohoId(EntityRef prerequisite) {
        String id = zohoIds.get(prerequisite);
        if (id == null) {
            throw new IllegalStateException(prerequisite + " was not declared as a prerequisite");
        }
        return id;
    }
}
