package io.zohosync.ports.in;

import java.util.List;

/** Read model: one platform customer as the customer list shows it — name, email, and each target's sync record. */
public record CustomerRow(String id, String name, String email, List<SyncRecordView> records) {

    public CustomerRow {
        records = List.copyOf(records);
    }
}
