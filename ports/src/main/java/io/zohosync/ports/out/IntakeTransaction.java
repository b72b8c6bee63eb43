package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The storage steps of one intake transaction; every lock is held until it ends. Storage only: the intake service decides. */
public interface IntakeTransaction {

    /**
     * Records an inbound fact under {@code provider} and {@code eventId} (an Idempotency-Key, a webhook's event
     * id). Empty when it is new; otherwise the payload hash it was first recorded with.
     */
    Future<Optional<String>> claimEvent(
            String provider, String eventId, String payloadHash, EntityRef entity, Instant now);

    /** The entity as stored, locked for this transaction. */
    Future<Optional<StoredEntity>> lockEntity(EntityRef ref);

    Future<Void> saveEntity(StoredEntity entity, Instant now);

    /** The record's state, locked for this transaction (its job first, then the record). */
    Future<Optional<SyncState>> lockRecord(SyncKey key);

    /** Stores the state the state machine decided, with its job and a log row; {@code before} is empty for a new record. */
    Future<Void> storeRecord(SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now);

    /** A log row only: something happened that changed no state (a change not queued, say). */
    Future<Void> note(SyncKey key, SyncState state, String event, String message, Instant now);

    /** The targets at which some record waits for this entity as its prerequisite. */
    Future<Set<SyncTarget>> awaitedAt(EntityRef ref);

    /** Every target's record of the entity (for an answer about an unchanged or replayed fact). */
    Future<Map<SyncTarget, SyncState>> records(EntityRef ref);

    /**
     * Publishes {@code message} to the platform's outbox in this transaction: it is delivered after commit, and not at
     * all when the transaction rolls back.
     */
    Future<Void> publish(PlatformMessage message);

    /** As {@link ZohoStates#mirror}, in this transaction: keeps {@code state} unless a newer one is kept already. */
    Future<Boolean> mirror(SyncKey key, ZohoState state);

    /**
     * The platform entity of {@code type} whose record at {@code target} is linked to {@code zohoId} (the canonical
     * mapping, {@code sync_records}); empty when none is. A store that keeps no mapping refuses it.
     */
    default Future<Optional<EntityRef>> linkedEntity(EntityType type, SyncTarget target, String zohoId) {
        throw new UnsupportedOperationException("this store keeps no Zoho ids");
    }

    /** The stock records' steps in this transaction (issue 11); a store that keeps no stock levels refuses them. */
    default StockRows stock() {
        throw new UnsupportedOperationException("this store keeps no stock levels");
    }
}
