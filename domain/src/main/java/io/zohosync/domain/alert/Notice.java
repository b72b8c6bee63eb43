package io.zohosync.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
                ? "Since " + seconds(openedAt) + "."
                : "Resolved at " + seconds(at) + ", after " + lasted() + " (since " + seconds(openedAt) + ").";
        String seen = type == Type.OPENED ? "Seen: " : "Last seen: ";
        return condition.summary() + "\n" + when + "\n" + seen + condition.detail() + "\n";
    }

    /** Instants as people read them: to the second. */
    static String seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
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
