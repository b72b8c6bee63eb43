package io.zohosync.adapters.postgres.connect;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.ConsentStates;
import io.zohosync.ports.testing.ConsentStatesContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The consent-state contract, run against the Postgres adapter (shared by every instance). */
class PgConsentStatesTest extends ConsentStatesContract {

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
    protected ConsentStates states() {
        return pg.consentStates();
    }
}
