package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncStatus;
import java.util.List;
import java.util.Map;

/** Inbound port: record a platform entity durably and queue its sync to every Zoho target configured for its type. */
public interface RecordEntityUseCase {

    /**
     * A platform tells us about an entity. {@code pathId} is the id in the URL (null when the body carries
     * it); {@code body} is the wire form as plain Java values; {@code idempotencyKey} the caller's
     * {@code Idempotency-Key} (may be null) and {@code payloadHash} the hash of the request body it guards.
     */
    record Command(
            EntityType type, String pathId, Map<String, Object> body, String idempotencyKey, String payloadHash) {
        public Command {
            if (type == null || body == null) {
                throw new IllegalArgumentException("type and body are required");
            }
            if (idempotencyKey != null && payloadHash == null) {
                throw new IllegalArgumentException("an idempotency key needs the payload hash");
            }
        }
    }

    /** What the request did. */
    enum Outcome {
        /** First time this entity was seen: stored and queued. */
        CREATED,
        /** Known entity whose data changed: stored and (re)queued. */
        UPDATED,
        /** Known entity, same data: nothing queued. */
        UNCHANGED,
        /** Same Idempotency-Key and body as an earlier request: nothing done again. */
        REPLAYED
    }

    sealed interface Result {
        /** Stored (or already so): where each target's sync now stands. */
        record Recorded(EntityRef entity, Outcome outcome, Map<SyncTarget, SyncStatus> syncs) implements Result {}

        /** The body breaks the entity's rules; nothing was stored. */
        record Invalid(List<FieldError> errors) implements Result {}

        /** Same Idempotency-Key with a different body; nothing was stored. */
        record KeyReused() implements Result {}
    }

    Future<Result> record(Command command);

    /** The collections the platform may send, by path segment ({@code customers}, {@code items}...). */
    Map<String, EntityType> collections();
}
