package io.zohosync.ports.in;

import java.util.List;

/** One page of sync records, most recently changed first; {@code next}: the next page's cursor, null at the end. */
public record SyncRecordPage(List<SyncRecordView> records, SyncRecordQuery.Position next) {

    public SyncRecordPage {
        records = List.copyOf(records);
    }
}
