package io.zohosync.ports.in;

import io.zohosync.domain.entity.EntityType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Read model: one reconciliation as stored: its scope, how it went, what it counted — records checked, Zoho calls
 * made, drifts found, of them safe to repair, repaired, and left (not repaired) — and a note when it could not finish.
 */
public record ReconcileReport(
        long id,
        Instant startedAt,
        Instant finishedAt,
        List<EntityType> scope,
        Status status,
        long checked,
        long zohoCalls,
        long drifts,
        long safe,
        long repaired,
        String note) {

    public ReconcileReport {
        scope = List.copyOf(scope);
    }

    /** Drifts not repaired (yet). */
    public long left() {
        return drifts - repaired;
    }

    /** {@code running}; {@code finished}: every record in scope was compared; {@code incomplete}: Zoho could not be read. */
    public enum Status {
        RUNNING,
        FINISHED,
        INCOMPLETE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }
}
