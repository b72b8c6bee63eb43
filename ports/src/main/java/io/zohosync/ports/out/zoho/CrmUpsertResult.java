package io.zohosync.ports.out.zoho;

/** The outcome of one record in a CRM batch upsert, in the order the records were given. */
public record CrmUpsertResult(String platformId, Action action, String recordId, String code, String message) {

    public enum Action {
        CREATED,
        UPDATED,
        FAILED
    }

    public boolean succeeded() {
        return action != Action.FAILED;
    }
}
