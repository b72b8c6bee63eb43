package io.zohosync.domain.entity;

import java.util.Locale;

/** Where in Zoho an entity is kept: one sync record per entity and target (design.md §4, §10). */
public enum SyncTarget {
    BOOKS,
    BILLING,
    CRM,
    INVENTORY;

    /** {@link #wire()}, made once: it is asked for on every request and statement (issue 14). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name stored in Postgres and used in paths and JSON: {@code books}, {@code crm}... */
    public String wire() {
        return wire;
    }

    public static SyncTarget fromWire(String value) {
        for (SyncTarget target : values()) {
            if (target.wire().equals(value)) {
                return target;
            }
        }
        throw new IllegalArgumentException("unknown sync target '" + value + "'");
    }
}
