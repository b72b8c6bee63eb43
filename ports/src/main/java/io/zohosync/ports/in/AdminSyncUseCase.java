package io.zohosync.ports.in;

import io.vertx.core.Future;

/** Inbound port: an admin's hand on one record's sync — retry, reset, link by hand, unlink (design.md §4). */
public interface AdminSyncUseCase {

    /** What the admin asks; {@code zohoId} only for {@link Action#LINK}. */
    record Command(String entityType, String entityId, Action action, String zohoId) {}

    enum Action { RETRY, RESET, LINK, UNLINK }

    /** How it ended: the record as it now stands, or why the state machine refused (the record is unchanged). */
    sealed interface Result {
        record Changed(SyncRecordView record) implements Result {}

        record Refused(String reason) implements Result {}

        record NotFound() implements Result {}
    }

    Future<Result> apply(Command command);
}
