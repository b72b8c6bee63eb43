package io.zohosync.ports.out.zoho;

/**
 * The outcome of one record in a CRM batch write, in the order the records were given: created or updated with its
 * CRM id, refused for good ({@code FAILED}: Zoho's code and message), or refused for now ({@code DEFERRED}: the same
 * record may be taken later, a locked record say).
 */
public record CrmUpsertResult(String platformId, Action action, String recordId, String code, String message) {

    public enum Action {
        CREATED,
        UPDATED,
        FAILED,
        DEFERRED
    }

    public boolean succeeded() {
        return action == Action.CREATED || action == Action.UPDATED;
    }
}
