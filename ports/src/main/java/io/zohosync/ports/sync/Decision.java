package io.zohosync.ports.sync;

import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.sync.SyncEvent;
import java.util.List;

/** What one run decided: the domain event to apply, a short name for the sync log, and what a waiting record waits on. */
public record Decision(SyncEvent event, String logEvent, List<SyncKey> waitingFor) {

    public Decision {
        waitingFor = List.copyOf(waitingFor);
    }

    static Decision of(SyncEvent event, String logEvent) {
        return new Decision(event, logEvent, List.of());
    }
}
