package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox;

/** The outbox contract, run against the in-memory adapter. */
class InMemoryPlatformOutboxTest extends PlatformOutboxContract {

    private final InMemoryPlatformOutbox outbox = new InMemoryPlatformOutbox();

    @Override
    protected PlatformOutbox outbox() {
        return outbox;
    }

    @Override
    protected Future<Void> publish(PlatformMessage message) {
        return outbox.publish(message);
    }
}
