package io.zohosync.adapters.postgres.sync;

import io.vertx.core.Future;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.ports.out.JobSignals;

/** Postgres adapter for {@link JobSignals}: LISTEN on the channel the {@code sync_jobs} trigger notifies. */
public final class PgJobSignals implements JobSignals {

    static final String CHANNEL = "zsync_jobs";
    private static final long RECONNECT_DELAY_MS = 1_000;

    private final PgSubscriber subscriber;

    public PgJobSignals(PgSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public Future<Void> listen(Runnable onDue) {
        subscriber.reconnectPolicy(attempt -> RECONNECT_DELAY_MS);
        subscriber
                .channel(CHANNEL)
                // subscribed anew on every (re)connect: the connection of the moment logs what ends it
                .subscribeHandler(x -> Transactions.logEnding(subscriber.actualConnection()))
                .handler(target -> onDue.run());
        return subscriber.connect();
    }

    @Override
    public Future<Void> close() {
        return subscriber.close();
    }
}
