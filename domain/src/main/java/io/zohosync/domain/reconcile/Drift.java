package io.zohosync.domain.reconcile;

import java.util.Map;
import java.util.Objects;

/**
 * Value: one drift as the rules judge it: its kind, the proposed repair, whether that repair is safe to apply without
 * a person, the Zoho object concerned (null when there is none) and what was seen ({@code detail}: field → value, for a
 * person to read).
 */
public record Drift(
        DriftKind kind, Repair repair, boolean safe, String zohoId, String summary, Map<String, String> detail) {
    public Drift {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(repair, "repair");
        Objects.requireNonNull(summary, "summary");
        detail = Map.copyOf(detail);
        if (repair == Repair.LEAVE && safe) {
            throw new IllegalArgumentException("leaving a drift for a person is no repair to apply");
        }
    }
}
