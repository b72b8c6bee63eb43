package io.zohosync.adapters.postgres.entity;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.out.StoredEntity;

/** A platform entity read from a row of {@code platform_entities}, alone or joined to other tables. */
public final class EntityRows {

    private EntityRows() {}

    /** {@code ref}'s entity from a row whose entity columns carry {@code prefix} (a query that joins it to others). */
    public static StoredEntity entity(EntityRef ref, Row row, String prefix) {
        return new StoredEntity(
                ref,
                JsonValues.plain((JsonObject) row.getValue(prefix + "payload")),
                row.getInteger(prefix + "version"),
                row.getString(prefix + "payload_hash"),
                row.getOffsetDateTime(prefix + "received_at").toInstant(),
                row.getOffsetDateTime(prefix + "updated_at").toInstant());
    }
}
