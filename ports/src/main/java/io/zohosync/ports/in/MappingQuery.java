package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Inbound port: the canonical mapping platform id ↔ Zoho id per product (issue 10, item 10) — the sync records
 * ({@code sync_records}: entity type, id, target, Zoho id) with Zoho's mirrored state beside each, one row per product.
 */
public interface MappingQuery {

    /** At most 100 rows a question: an entity has one per target; a Zoho id is rarely linked twice. */
    int MAX_ROWS = 100;

    /**
     * What to look for, each part optional (null matches everything) but never all of them: an entity ({@code type}
     * and {@code entityId}) or a Zoho id (reverse lookup), narrowed by {@code target}.
     */
    record Filter(EntityType type, String entityId, SyncTarget target, String zohoId) {
        public Filter {
            if (entityId == null && zohoId == null) {
                throw new IllegalArgumentException("an entity id or a Zoho id is required");
            }
        }
    }

    /** One product's link: {@code zohoId} null while not linked; {@code zoho} null until Zoho's state is mirrored. */
    record Mapping(SyncKey key, SyncStatus status, String zohoId, Instant updatedAt, Mirrored zoho) {}

    /** What Zoho last said of the record, as mirrored (see {@code ZohoState}): status, details, when, from where. */
    record Mirrored(String status, Map<String, Object> details, Instant zohoTime, String source) {
        public Mirrored {
            details = Map.copyOf(details);
        }
    }

    /** The mappings the filter matches (at most {@link #MAX_ROWS}), by entity type, id and target. */
    Future<List<Mapping>> find(Filter filter);
}
