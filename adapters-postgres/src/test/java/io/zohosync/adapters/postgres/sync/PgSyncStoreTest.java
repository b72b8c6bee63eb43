package io.zohosync.adapters.postgres.sync;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.ports.testing.SyncStoreContract;
import io.zohosync.ports.testing.SyncStores;
import java.util.ArrayList;
import java.util.List;
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
    protected List<Logged> log(SyncKey key) throws Exception {
        List<Logged> log = new ArrayList<>();
        await(pg.pool()
                        .preparedQuery("select event, repeats from sync_log where entity_type = $1 and entity_id = $2"
                                + " and target = $3 order by id")
                        .execute(Tuple.of(
                                key.type().wire(), key.entityId(), key.target().wire())))
                .forEach(row -> log.add(new Logged(row.getString("event"), row.getInteger("repeats"))));
        return log;
    }

    @Override
    protected SyncStores stores() {
        return new SyncStores(pg.intake(), pg.entities(), pg.syncJobs(), pg.syncRecords(), pg.syncRecordsReader());
    }
}
