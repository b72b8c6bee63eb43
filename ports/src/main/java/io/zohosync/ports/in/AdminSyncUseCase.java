package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.entity.SyncKey;

/** Inbound port: an admin's hand on one record's sync — retry, reset, link by hand, unlink (design.md §4). */
public interface AdminSyncUseCase {

    /**
     * What the admin asks of one record; {@code zohoId} only for {@link Action#LINK}; {@code actor} who asks, as the
     * audit of admin actions names them.
     */
    record Command(SyncKey key, Action action, String zohoId, String actor) {

        /** The actor of a call that names none: the admin API's. */
        public static final String API_ACTOR = "admin-api";

        public Command(SyncKey key, Action action, String zohoId) {
            this(key, action, zohoId, API_ACTOR);
        }
    }

    enum Action {
        RETRY,
        RESET,
        LINK,
        UNLINK
    }

    /** How it ended: the record as it now stands, or why nothing changed. */
    sealed interface Result {
        record Changed(SyncRecordView record) implements Result {}

        /** The state machine refused the action in the record's state; the record is unchanged. */
        record Refused(String reason) implements Result {}

        /** The Zoho record to link does not exist; the record is unchanged. */
        record LinkRefused(String reason) implements Result {}

        /** Zoho could not be asked whether the record to link exists (an outage, a spent budget); try again later. */
        record ZohoUnavailable(String reason) implements Result {}

        record NotFound() implements Result {}
    }

    Future<Result> apply(Command command);
}
