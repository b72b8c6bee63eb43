package io.zohosync.ports.testing;

import io.zohosync.ports.out.ConsentStates;

/** The consent-state contract, run against the in-memory adapter. */
class InMemoryConsentStatesTest extends ConsentStatesContract {

    @Override
    protected ConsentStates states() {
        return new InMemoryConsentStates();
    }
}
