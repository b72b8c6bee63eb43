package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.testing.ZohoBudgetContract;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

class PgZohoBudgetContractTest extends ZohoBudgetContract {

    private static final Duration ALIVE_FOR = Duration.ofSeconds(6);
    private Pool pool;

    @Override
    protected ZohoBudget budget(Vertx vertx) {
        pool = PostgresFixture.shared().pool(vertx);
        return ZohoPostgres.budget(pool, "holder-" + UUID.randomUUID(), ALIVE_FOR);
    }

    @AfterEach
    void closePool() {
        pool.close().await();
    }
}
