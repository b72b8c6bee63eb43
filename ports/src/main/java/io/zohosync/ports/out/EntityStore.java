package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import java.util.Optional;

/** Outbound port: reads the platform entities the intake stored. */
public interface EntityStore {

    Future<Optional<StoredEntity>> find(EntityRef ref);
}
