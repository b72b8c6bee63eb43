package io.zohosync.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One channel's open incidents: which conditions it has been told about, so that one incident is one message.
 * {@link #due} says what to send now; only {@link #sent} records that it went out, so a message a channel failed
 * to deliver is due again at the next evaluation. An incident is resolved once its condition has stayed clear for the
 * quiet period: a condition that comes and goes within it stays one incident. Not thread-safe: one evaluation at a time.
 */
public final class AlertBook {

    private final Duration quietPeriod;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();

    public AlertBook(Duration quietPeriod) {
        this.quietPeriod = quietPeriod;
    }

    private static final class Incident {
        Condition last;
        final Instant openedAt;
        boolean announced;
        Instant clearSince;

        Incident(Condition condition, Instant openedAt) {
            this.last = condition;
            this.openedAt = openedAt;
        }
    }

    /** What to send at {@code now}, given the conditions that hold now: new incidents, unsent ones, resolved ones. */
    public List<Notice> due(List<Condition> holding, Instant now) {
        List<Notice> notices = new ArrayList<>();
        Map<String, Condition> byKey = new LinkedHashMap<>();
        holding.forEach(c -> byKey.put(c.key(), c));
        for (Iterator<Incident> it = incidents.values().iterator(); it.hasNext(); ) {
            Incident incident = it.next();
            Condition seen = byKey.remove(incident.last.key());
            if (seen != null) {
                incident.last = seen;
                incident.clearSince = null;
                if (!incident.announced) {
                    notices.add(new Notice(Notice.Type.OPENED, seen, incident.openedAt, now));
                }
                continue;
            }
            if (!incident.announced) {
                it.remove(); // cleared before anyone was told: nothing to resolve
                continue;
            }
            if (incident.clearSince == null) {
                incident.clearSince = now;
            }
            if (Duration.between(incident.clearSince, now).compareTo(quietPeriod) >= 0) {
                notices.add(new Notice(Notice.Type.RESOLVED, incident.last, incident.openedAt, now));
            }
        }
        for (Condition fresh : byKey.values()) {
            incidents.put(fresh.key(), new Incident(fresh, now));
            notices.add(new Notice(Notice.Type.OPENED, fresh, now, now));
        }
        return notices;
    }

    /** {@code notice} reached the channel: an opened incident is announced, a resolved one closed. */
    public void sent(Notice notice) {
        Incident incident = incidents.get(notice.condition().key());
        if (incident == null || !incident.openedAt.equals(notice.openedAt())) {
            return;
        }
        if (notice.type() == Notice.Type.OPENED) {
            incident.announced = true;
        } else {
            incidents.remove(notice.condition().key());
        }
    }

    /** The keys of the incidents open now (announced or not), in the order they opened. */
    public List<String> open() {
        return List.copyOf(incidents.keySet());
    }
}
