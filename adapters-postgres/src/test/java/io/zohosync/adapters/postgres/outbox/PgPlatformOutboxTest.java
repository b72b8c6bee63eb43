package io.zohosync.adapters.postgres.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.testing.PlatformOutboxContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outbox contract, run against the Postgres adapter; messages are published by intake transactions. */
class PgPlatformOutboxTest extends PlatformOutboxContract {

    private static Vertx vertx;
    private static PostgresAdapters pg;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = PostgresAdapters.start(vertx, PostgresFixture.shared().settings())
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    protected PlatformOutbox outbox() {
        return pg.platformOutbox();
    }

    @Override
    protected Future<Void> publish(PlatformMessage message) {
        return pg.intake().inTransaction(tx -> tx.publish(message));
    }
}
