package io.zohosync.ports.testing;

/** The sync storage contract, run against the in-memory adapter. */
class InMemorySyncStoreTest extends SyncStoreContract {

    @Override
    protected SyncStores stores() {
        return SyncStores.of(new InMemorySyncStore());
    }
}
