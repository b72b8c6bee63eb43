package io.zohosync.ports.testing;

import io.zohosync.domain.entity.SyncKey;
import java.util.List;

/** The sync storage contract, run against the in-memory adapter. */
class InMemorySyncStoreTest extends SyncStoreContract {

    private final InMemorySyncStore store = new InMemorySyncStore();

    @Override
    protected SyncStores stores() {
        return SyncStores.of(store);
    }

    @Override
    protected List<Logged> log(SyncKey key) {
        return store.log().stream()
                .filter(row -> row.key().equals(key))
                .map(row -> new Logged(row.event(), row.repeats()))
                .toList();
    }
}
