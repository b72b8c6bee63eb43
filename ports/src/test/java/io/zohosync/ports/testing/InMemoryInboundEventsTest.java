package io.zohosync.ports.testing;

import io.zohosync.ports.out.InboundEvents;

/** The inbound-event contract, run against the in-memory adapter. */
class InMemoryInboundEventsTest extends InboundEventsContract {

    @Override
    protected InboundEvents events() {
        return new InMemoryInboundEvents();
    }
}
