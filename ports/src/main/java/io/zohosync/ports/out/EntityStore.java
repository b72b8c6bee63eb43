package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Outbound port: reads the platform entities the intake stored. */
public interface EntityStore {

    Future<Optional<StoredEntity>> find(EntityRef ref);

    /** A claimed job's entity: as the claim read it, or as stored now when the claim did not read it. */
    default Future<Optional<StoredEntity>> of(ClaimedJob job) {
        return job.stored().isPresent()
                ? Future.succeededFuture(job.stored())
                : find(job.key().entity());
    }

    /**
     * The Zoho ids at {@code target} of the stored entities of {@code type} whose {@code email} is one of
     * {@code emails} (compared trimmed and lower-cased), keyed by that lower-cased email; only entities already
     * linked there. (An inquiry from a customer already in CRM is found here without asking Zoho.)
     */
    Future<Map<String, String>> linkedByEmail(EntityType type, SyncTarget target, Collection<String> emails);
}
