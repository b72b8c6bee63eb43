package io.zohosync.ports.sync.handler;

import io.zohosync.domain.sync.SyncEvent;

/** What a handler's matching decided before any write: create the record, or settle the sync without writing. */
public sealed interface Match {

    Match CREATE = new Create();

    /** Nothing in Zoho to link: create the record. */
    record Create() implements Match {}

    /** Matching settled the sync (linked one record, found several, found none for a returning customer). */
    record Settled(SyncEvent event, String logEvent) implements Match {}
}
