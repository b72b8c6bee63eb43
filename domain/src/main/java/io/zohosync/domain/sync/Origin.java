package io.zohosync.domain.sync;

/** How a sync came by its Zoho record — what the service may later rewrite in it. */
public enum Origin {
    /** The service created it (or found its own earlier create by marker): the service owns it. */
    CREATED,
    /** Matching linked a record that existed before: only the fields the service owns may change. */
    MATCHED,
    /** An admin linked it by hand. */
    MANUAL
}
