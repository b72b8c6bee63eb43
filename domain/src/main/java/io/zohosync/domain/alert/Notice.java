package io.zohosync.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One message to send: an incident opened, or resolved. {@code condition} is what was last seen of it;
 * {@code openedAt} when it was first seen, {@code at} when this notice was made.
 */
public record Notice(Type type, Condition condition, Instant openedAt, Instant at) {

    public enum Type {
        OPENED,
        RESOLVED
    }

    public Notice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(at, "at");
    }

    /** The one line every channel leads with (a mail's subject, a chat message's title). */
    public String subject() {
        return "[zoho-sync] " + (type == Type.OPENED ? "" : "Resolved: ") + condition.summary();
    }

    /** The message as plain text: what, since when, what was seen. */
    public String text() {
        String when = type == Type.OPENED
                ? "Since " + openedAt + "."
                : "Resolved at " + at + ", after " + lasted() + " (since " + openedAt + ").";
        String seen = type == Type.OPENED ? "Seen: " : "Last seen: ";
        return condition.summary() + "\n" + when + "\n" + seen + condition.detail() + "\n";
    }

    private String lasted() {
        Duration d = Duration.between(openedAt, at);
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
