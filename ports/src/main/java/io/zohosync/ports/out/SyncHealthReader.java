package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Outbound port: what a health check reads of the service's own records (issue 12, the {@code health} command). */
public interface SyncHealthReader {

    /** The queue at {@code now}: records per status, the ones due to run and the oldest of them, the last success. */
    Future<Activity> activity(Instant now);

    /** Up to {@code size} synced records with their Zoho ids, picked at random: what an integrity check reads back. */
    Future<List<Linked>> sample(int size);

    /** A synced record and the Zoho record it is linked to. */
    record Linked(SyncKey key, String zohoId) {}

    /** The Zoho connection as stored ({@code connectionId}); none stored yet: every field empty. */
    Future<StoredConnection> connection(String connectionId);

    /**
     * Records per status; how many are due (pending or retrying, their time come) and since when the oldest of them
     * has been due; when a record last reached Zoho (null: never).
     */
    record Activity(Map<SyncStatus, Long> counts, long due, Instant oldestDueSince, Instant lastSynced) {
        public Activity {
            counts = Map.copyOf(counts);
        }
    }

    /** Whether a refresh token is stored, whether Zoho refused it for good, and until when refreshes cool down. */
    record StoredConnection(boolean refreshTokenStored, boolean reconnectNeeded, Instant coolDownUntil) {}
}
