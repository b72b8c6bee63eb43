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

    /**
     * The Zoho ids at {@code target} of the stored entities of {@code type} whose {@code email} is one of
     * {@code emails} (compared trimmed and lower-cased), keyed by that lower-cased email; only entities already
     * linked there. (An inquiry from a customer already in CRM is found here without asking Zoho.)
     */
    Future<Map<String, String>> linkedByEmail(EntityType type, SyncTarget target, Collection<String> emails);
}
