package io.zohosync.ports.in;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;

/**
 * A question to the sync log, newest first: every filter is optional (null matches everything). {@code text} matches,
 * ignoring case, anywhere in the entity id, the message or the Zoho id; {@code since} (inclusive) and {@code until}
 * (exclusive) bound the time a row was first logged; {@code before} is the keyset cursor, the id of the last row of the
 * previous page. {@code entityId} narrows to one entity together with {@code type}.
 */
public record SyncLogQuery(
        EntityType type,
        String entityId,
        SyncTarget target,
        SyncStatus status,
        String event,
        String text,
        Instant since,
        Instant until,
        Long before,
        int limit) {

    public SyncLogQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one row");
        }
        if (entityId != null && type == null) {
            throw new IllegalArgumentException("an entity id needs its entity type");
        }
    }

    /** Everything, the newest {@code limit} rows. */
    public static SyncLogQuery newest(int limit) {
        return new SyncLogQuery(null, null, null, null, null, null, null, null, null, limit);
    }

    public SyncLogQuery withLimit(int rows) {
        return new SyncLogQuery(type, entityId, target, status, event, text, since, until, before, rows);
    }

    public SyncLogQuery withBefore(Long id) {
        return new SyncLogQuery(type, entityId, target, status, event, text, since, until, id, limit);
    }
}
