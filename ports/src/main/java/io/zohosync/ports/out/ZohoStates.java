package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import java.util.Map;

/**
 * Outbound port: the mirror of Zoho's state per sync record (see {@link ZohoState}), written by the flows after a
 * Zoho answer and by Zoho's webhooks and polls (those through {@link IntakeTransaction#mirror}, in their own
 * transaction), read by the platform API, reconciliation and the console.
 */
public interface ZohoStates {

    /** Keeps {@code state} for {@code key} unless a newer one is kept already; whether it was kept. */
    Future<Boolean> mirror(SyncKey key, ZohoState state);

    /** Every target's mirrored state of the entity. */
    Future<Map<SyncTarget, ZohoState>> statesOf(EntityRef ref);
}
