package io.zohosync.ports.in;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A question to the sync records, most recently changed first: each filter optional (null matches everything),
 * {@code after} the keyset cursor — the position of the previous page's last record.
 */
public record SyncRecordQuery(EntityType type, SyncTarget target, SyncStatus status, Position after, int limit) {

    /** Where a record stands in the order: its last change, then its key (type, id, target) to break ties. */
    public record Position(Instant updatedAt, SyncKey key) {

        public Position {
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(key, "key");
        }

        public static Position of(SyncRecordView record) {
            return new Position(record.updatedAt(), record.key());
        }
    }

    public SyncRecordQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one record");
        }
    }

    public SyncRecordQuery withLimit(int records) {
        return new SyncRecordQuery(type, target, status, after, records);
    }

    public SyncRecordQuery withAfter(Position position) {
        return new SyncRecordQuery(type, target, status, position, limit);
    }
}
