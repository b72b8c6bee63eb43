package io.zohosync.ports.sync.handler;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.util.List;

/**
 * One flow's Zoho side: an entity type towards one target. A handler supplies only its Zoho calls and its
 * matching; the {@code SyncRunner} template supplies the rest — prerequisites, the marker search where a
 * create may have landed, duplicate resolution, never writing twice. Every call answers a classified
 * {@link ZohoOutcome}; a record is named by its Zoho id.
 */
public interface SyncHandler<E> {

    EntityType type();

    SyncTarget target();

    /** The mapping that turns the stored wire form back into the entity. */
    EntityMapping<E> mapping();

    /** What must be in Zoho at this target first (design.md §7); the runner passes their ids in {@link Links}. */
    default List<EntityRef> prerequisites(E entity) {
        return List.of();
    }

    /**
     * How many Zoho calls matching and creating the entity make on their usual path ({@link #match} and
     * {@link #create}): the runner reserves them before the first (issue 13), so a budget refusal never comes
     * between them. A rarer path (a duplicate to resolve) takes what more it needs as it goes. By default: the
     * create alone, as the default {@link #match} calls nothing.
     */
    default int plannedCreateCalls(E entity) {
        return 1;
    }

    /**
     * Whether an update sends nothing but what the entity, its Zoho id and its prerequisites' ids determine, so an
     * update whose payload hashes as the last one sent may be skipped (issue 14). Not so for a handler whose write
     * depends on other state (stock's pending changes, Billing's subscription as it stands): by default false.
     */
    default boolean updateFollowsPayload() {
        return false;
    }

    /** How many Zoho calls {@link #update} ({@code ours}) or {@link #updateOwnedFields} make; reserved likewise. */
    default int plannedUpdateCalls(E entity, boolean ours) {
        return ours ? 1 : 0;
    }

    /** The Zoho records carrying this entity's marker (design.md §6): what an earlier, unconfirmed create left. */
    Future<ZohoOutcome<List<String>>> findByMarker(E entity);

    /**
     * The marker search the runner makes, given the prerequisites' Zoho ids: a record that lives under another (a
     * refund under its payment) is searched there. By default the search needs none of them.
     */
    default Future<ZohoOutcome<List<String>>> findByMarker(E entity, Links links) {
        return findByMarker(entity);
    }

    /**
     * Matching before a create (design.md §5), and any check that can settle the sync before it (a document in a
     * currency its customer's contact is not billed in); it sees the prerequisites' ids. By default there is nothing
     * to match and the record is created.
     */
    default Future<ZohoOutcome<Match>> match(E entity, Links links) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(Match.CREATE));
    }

    /**
     * Completes a record found by its marker (an earlier create whose answer was lost, or a duplicate that was ours)
     * before the runner links it: whatever {@link #create} does after the record exists (a status action) may not
     * have happened. Its calls come out of the create's reservation, in which the marker search replaces the create.
     * By default a create is one call and there is nothing to complete.
     */
    default Future<ZohoOutcome<String>> completeFound(String zohoId, E entity, Links links) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(zohoId));
    }

    /** Creates the record, carrying the entity's marker; its Zoho id. */
    Future<ZohoOutcome<String>> create(E entity, Links links);

    /**
     * Zoho refused the create as a duplicate and no record carries our marker: someone else's record holds
     * the unique value. By default that is for an admin; a handler may create under another value instead.
     */
    default Future<ZohoOutcome<String>> createAfterDuplicate(E entity, Links links, String message) {
        return Future.succeededFuture(new ZohoOutcome.Duplicate<>(java.util.Optional.empty(), message));
    }

    /** Pushes the entity onto the record the service created and alone is linked to. */
    Future<ZohoOutcome<String>> update(String zohoId, E entity, Links links);

    /**
     * Pushes the entity onto a record matching linked it to, which the service did not create: only the fields
     * the service owns. By default it owns none there, and nothing is sent. (A record an admin linked by hand
     * takes no updates: a change to it waits for the admin.)
     */
    default Future<ZohoOutcome<String>> updateOwnedFields(String zohoId, E entity, Links links) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(zohoId));
    }

    /** Reads the record (an admin's link is checked with it): its id, or NotFound. */
    Future<ZohoOutcome<String>> read(String zohoId);
}
