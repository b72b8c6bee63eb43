package io.zohosync.adapters.postgres.inbound;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.testing.InboundEventsContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The inbound-event contract, run against the Postgres adapter (the V8 table, migrated by the factory). */
class PgInboundEventsTest extends InboundEventsContract {

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
    protected InboundEvents events() {
        return pg.inboundEvents();
    }
}
