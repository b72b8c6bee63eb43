package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.budget.Budget;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only a shared store shows: several instances on one database (the port's behaviour: {@link PgZohoBudgetContractTest}). */
@ExtendWith(VertxExtension.class)
class PgZohoBudgetTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private Pool pool;
    private Pool otherInstance;
    private ZohoBudget budget;
    private ZohoBudget otherBudget;
    private String org;

    @BeforeEach
    void start(Vertx vertx) {
        pool = PostgresFixture.shared().pool(vertx);
        otherInstance = PostgresFixture.shared().pool(vertx);
        budget = ZohoPostgres.budget(pool, Duration.ofMinutes(2));
        otherBudget = ZohoPostgres.budget(otherInstance, Duration.ofMinutes(2));
        org = "org-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        pool.close().await();
        otherInstance.close().await();
    }

    private BudgetPermit take(ZohoBudget b, ZohoProduct product, ZohoApiLimits limits, Instant at) {
        return b.acquire(org, product, limits, at).await();
    }

    @Test
    void instances_share_the_windows_and_zohos_blocks_books_and_inventory_included() {
        ZohoApiLimits limits = new ZohoApiLimits(4, 1000, 100);
        for (int i = 0; i < 4; i++) {
            ZohoProduct product = i < 2 ? ZohoProduct.BOOKS : ZohoProduct.INVENTORY;
            assertThat(take(i % 2 == 0 ? budget : otherBudget, product, limits, T0.plusSeconds(i)))
                    .isInstanceOf(BudgetPermit.Granted.class);
        }

        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(10)))
                .isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, T0.plus(Budget.MINUTE)));
        assertThat(take(budget, ZohoProduct.BOOKS, limits, T0.plus(Budget.MINUTE)))
                .isInstanceOf(BudgetPermit.Granted.class);
        budget.block(org, ZohoProduct.INVENTORY, Scope.DAY, T0.plus(Duration.ofHours(1)))
                .await();
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(600)))
                .isEqualTo(new BudgetPermit.Denied(Scope.DAY, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void instances_racing_for_the_last_slots_never_take_more_than_the_minutes_limit() {
        ZohoApiLimits limits = new ZohoApiLimits(10, 1000, 100);
        List<BudgetPermit> permits = Future.all(IntStream.range(0, 30)
                        .mapToObj(i -> (i % 2 == 0 ? budget : otherBudget)
                                .acquire(org, i % 3 == 0 ? ZohoProduct.INVENTORY : ZohoProduct.BOOKS, limits, T0))
                        .toList())
                .await()
                .list();

        assertThat(permits).filteredOn(p -> p instanceof BudgetPermit.Granted).hasSize(10);
    }

    @Test
    void a_permit_its_instance_never_released_frees_its_slot_when_its_lease_ends() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        take(budget, ZohoProduct.BOOKS, limits, T0);

        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(119)))
                .isInstanceOfSatisfying(
                        BudgetPermit.Denied.class, d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        assertThat(take(otherBudget, ZohoProduct.BOOKS, limits, T0.plusSeconds(120)))
                .isInstanceOf(BudgetPermit.Granted.class);
    }
}
