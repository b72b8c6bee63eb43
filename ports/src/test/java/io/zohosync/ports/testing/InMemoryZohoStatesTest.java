package io.zohosync.ports.testing;

import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.ZohoStates;

/** The mirrored-state contract against the in-memory store. */
class InMemoryZohoStatesTest extends ZohoStatesContract {

    private final InMemorySyncStore store = new InMemorySyncStore();

    @Override
    protected ZohoStates states() {
        return store;
    }

    @Override
    protected Intake intake() {
        return store;
    }
}
