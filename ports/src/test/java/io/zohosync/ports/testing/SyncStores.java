package io.zohosync.ports.testing;

import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.SyncRecordsReader;

/** The sync storage ports of one implementation, as the contract suite and the use-case tests take them. */
public record SyncStores(
        Intake intake, EntityStore entities, SyncJobs jobs, SyncRecords records, SyncRecordsReader reader) {

    public static SyncStores of(InMemorySyncStore store) {
        return new SyncStores(store, store, store, store, store);
    }
}
