package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

    private BudgetPermit take(ZohoBudget b, ZohoApiLimits limits, Instant at) {
        return b.acquire(org, ZohoProduct.BOOKS, limits, at).await();
    }

    @Test
    void theMinuteIsSharedByInstancesAndReopensAMinuteAfterItsFirstCall() {
        ZohoApiLimits limits = new ZohoApiLimits(4, 1000, 100);
        for (int i = 0; i < 4; i++) {
            BudgetPermit p = take(i % 2 == 0 ? budget : otherBudget, limits, T0.plusSeconds(i));
            assertThat(p).isInstanceOf(BudgetPermit.Granted.class);
        }

        assertThat(take(otherBudget, limits, T0.plusSeconds(10))).isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, T0.plusSeconds(60)));
        assertThat(take(budget, limits, T0.plusSeconds(60))).isInstanceOf(BudgetPermit.Granted.class);
        assertThat(take(budget, limits, T0.plusSeconds(60))).isInstanceOf(BudgetPermit.Denied.class);
    }

    @Test
    void concurrentAcquiresFromTwoInstancesNeverTakeMoreThanTheMinutesLimit() {
        ZohoApiLimits limits = new ZohoApiLimits(10, 1000, 100);
        List<BudgetPermit> permits = io.vertx.core.Future.all(IntStream.range(0, 30)
                        .mapToObj(i -> (i % 2 == 0 ? budget : otherBudget).acquire(org, ZohoProduct.BOOKS, limits, T0))
                        .toList())
                .await().list();

        assertThat(permits).filteredOn(p -> p instanceof BudgetPermit.Granted).hasSize(10);
    }

    @Test
    void theDayCapCountsTheLastTwentyFourHours() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 3, 100);
        take(budget, limits, T0);
        take(budget, limits, T0.plus(2, ChronoUnit.HOURS));
        take(budget, limits, T0.plus(4, ChronoUnit.HOURS));

        assertThat(take(budget, limits, T0.plus(5, ChronoUnit.HOURS))).isEqualTo(new BudgetPermit.Denied(Scope.DAY, T0.plus(1, ChronoUnit.DAYS)));
        assertThat(take(budget, limits, T0.plus(1, ChronoUnit.DAYS))).isInstanceOf(BudgetPermit.Granted.class);
    }

    @Test
    void aPermitHoldsAConcurrencySlotUntilReleasedOrItsLeaseEnds() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 1);
        BudgetPermit.Granted first = (BudgetPermit.Granted) take(budget, limits, T0);

        assertThat(take(otherBudget, limits, T0)).isInstanceOfSatisfying(BudgetPermit.Denied.class,
                d -> assertThat(d.scope()).isEqualTo(Scope.CONCURRENCY));
        budget.release(first).await();
        BudgetPermit second = take(otherBudget, limits, T0.plusSeconds(1));
        assertThat(second).isInstanceOf(BudgetPermit.Granted.class);
        assertThat(take(budget, limits, T0.plusSeconds(2))).isInstanceOf(BudgetPermit.Denied.class);
        assertThat(take(budget, limits, T0.plusSeconds(1 + 121))).isInstanceOf(BudgetPermit.Granted.class);
    }

    @Test
    void a429FromZohoBlocksTheScopeUntilItsWindowReopens() {
        ZohoApiLimits limits = new ZohoApiLimits(100, 1000, 10);
        otherBudget.block(org, ZohoProduct.BOOKS, Scope.MINUTE, T0.plusSeconds(60)).await();
        otherBudget.block(org, ZohoProduct.BOOKS, Scope.MINUTE, T0.plusSeconds(30)).await();

        assertThat(take(budget, limits, T0.plusSeconds(59))).isEqualTo(new BudgetPermit.Denied(Scope.MINUTE, T0.plusSeconds(60)));
        assertThat(budget.acquire(org, ZohoProduct.CRM, limits, T0).await()).isInstanceOf(BudgetPermit.Granted.class);
        assertThat(take(budget, limits, T0.plusSeconds(60))).isInstanceOf(BudgetPermit.Granted.class);
    }
}
