package io.zohosync.ports.in;

import java.time.Instant;
import java.util.Map;

/** Zoho's state of an entity at one target as last mirrored (see {@code ZohoStates}): what the platform API shows. */
public record MirroredState(String status, Map<String, Object> details, Instant zohoTime, String source) {

    public MirroredState {
        details = Map.copyOf(details);
    }
}
