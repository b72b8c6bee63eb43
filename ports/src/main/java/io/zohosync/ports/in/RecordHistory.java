package io.zohosync.ports.in;

import java.util.List;
import java.util.Map;

/**
 * Read model: what a record's page shows beyond its sync state — the platform's data as last received (empty when
 * the service holds none), the Zoho web app's address of each target's Zoho record, the events it came from, what
 * it waits for and what waits for it, and the admin actions taken on it, newest first.
 */
public record RecordHistory(
        Map<String, Object> platformData,
        Map<String, String> zohoLinks,
        List<SourceEvent> sources,
        List<RecordWait> prerequisites,
        List<RecordWait> dependants,
        List<AdminActionEntry> actions) {

    public RecordHistory {
        platformData = Map.copyOf(platformData);
        zohoLinks = Map.copyOf(zohoLinks);
        sources = List.copyOf(sources);
        prerequisites = List.copyOf(prerequisites);
        dependants = List.copyOf(dependants);
        actions = List.copyOf(actions);
    }
}
