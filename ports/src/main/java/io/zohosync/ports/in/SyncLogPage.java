package io.zohosync.ports.in;

import java.util.List;

/** One page of the sync log, newest first; {@code nextBefore}: the cursor of the next (older) page, null at the end. */
public record SyncLogPage(List<SyncLogEntry> entries, Long nextBefore) {

    public SyncLogPage {
        entries = List.copyOf(entries);
    }
}
