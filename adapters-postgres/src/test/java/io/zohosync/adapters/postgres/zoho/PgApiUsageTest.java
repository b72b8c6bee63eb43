package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.zoho.BudgetAccount.Meter;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PgApiUsageTest {

    private static final Instant DAY_AGO = Instant.parse("2026-11-29T12:00:00Z");

    private Vertx vertx;
    private Pool pool;
    private PgApiUsage usage;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        pool = PostgresAdapters.pool(vertx, PostgresFixture.shared().newDatabase());
        usage = new PgApiUsage(pool);
    }

    @AfterEach
    void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void noCallsNoMeter() throws Exception {
        assertThat(await(usage.callsSince(DAY_AGO))).isEmpty();
    }

    @Test
    void countsTheCallsOfTheDayPerMeterAcrossOrganizationsButNotReservedSlotsOrOlderCalls() throws Exception {
        permit("org-1", "BOOKS_AND_INVENTORY", "'2026-11-30T11:00:00Z'");
        permit("org-1", "BOOKS_AND_INVENTORY", "'2026-11-30T11:01:00Z'");
        permit("org-2", "BOOKS_AND_INVENTORY", "'2026-11-29T12:00:01Z'");
        permit("org-1", "BOOKS_AND_INVENTORY", "'2026-11-29T12:00:00Z'"); // a day old: no longer counts
        permit("org-1", "BOOKS_AND_INVENTORY", "null"); // reserved, not used yet
        permit("org-1", "CRM", "'2026-11-30T08:00:00Z'");

        assertThat(await(usage.callsSince(DAY_AGO))).isEqualTo(Map.of(Meter.BOOKS_AND_INVENTORY, 3L, Meter.CRM, 1L));
    }

    private void permit(String org, String meter, String takenAt) throws Exception {
        await(pool.query("insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id,"
                        + " holding) values ('" + UUID.randomUUID() + "', '" + org + "', '" + meter + "', "
                        + takenAt + ", 'h1', false)")
                .execute());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
