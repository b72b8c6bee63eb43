package io.zohosync.adapters.postgres.sync;

import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.testing.SyncStoreContract;
import io.zohosync.ports.testing.SyncStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sync storage contract, run against the Postgres adapter. */
class PgSyncStoreTest extends SyncStoreContract {

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
    protected SyncStores stores() {
        return new SyncStores(pg.intake(), pg.entities(), pg.syncJobs(), pg.syncRecords(), pg.syncRecordsReader());
    }
}
