package io.zohosync.domain.sync;

import java.util.Locale;

/** The sync status of one entity towards one Zoho target (design.md §4). */
public enum SyncStatus {
    PENDING,
    SYNCING,
    SYNCED,
    RETRYING,
    /** A prerequisite is not in Zoho yet: no attempt used; woken when it is, or rechecked at {@code nextRunAt}. */
    WAITING,
    FAILED,
    SKIPPED,
    MANUAL;

    /** {@link #wire()}, made once: it is asked for on every request and statement (issue 14). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case name stored in Postgres and shown over HTTP. */
    public String wire() {
        return wire;
    }

    public static SyncStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
