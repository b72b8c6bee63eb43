package io.zohosync.adapters.postgres.states;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.testing.ZohoStatesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The mirrored-state contract against Postgres (V17), in and out of intake transactions. */
class PgZohoStatesTest extends ZohoStatesContract {

    private static Vertx vertx;
    private static PostgresAdapters pg;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = await(PostgresAdapters.start(vertx, PostgresFixture.shared().settings()));
    }

    @AfterAll
    static void stop() throws Exception {
        await(pg.close());
        await(vertx.close());
    }

    @Override
    protected ZohoStates states() {
        return pg.zohoStates();
    }

    @Override
    protected Intake intake() {
        return pg.intake();
    }
}
