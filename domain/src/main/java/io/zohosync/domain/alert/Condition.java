package io.zohosync.domain.alert;

import java.util.Objects;

/**
 * Something wrong that holds now. {@code key} names the incident: the same key seen in successive evaluations is one
 * incident (e.g. one per budget meter); {@code summary} is one line, {@code detail} what was seen.
 */
public record Condition(String key, AlertKind kind, String summary, String detail) {
    public Condition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(detail, "detail");
    }
}
