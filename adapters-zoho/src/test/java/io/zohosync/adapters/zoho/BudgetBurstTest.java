package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.budget.Budget;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A burst larger than Zoho's minute limit, drained by five lanes calling at once. The clocks stand still (the
 * sandbox's and the adapter's move only when the test moves them), and when every lane is refused the test
 * moves them to the earliest retry the budget named — as the worker defers a job. Zoho never answers 429,
 * each minute is used up to the budget's limit, and the burst ends when the domain's finishing time says.
 */
@ExtendWith(VertxExtension.class)
class BudgetBurstTest {

    private static final int ZOHO_PER_MINUTE = 100;
    private static final int BURST = 200;
    private static final int LANES = 5;
    private static final double STANDING_STILL = 1e-9;
    private static final ZohoApiLimits LIMITS = ZohoApiLimits.defaults(ZohoProduct.BOOKS);
    private SandboxFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withTimeScale(STANDING_STILL)
                        .withBooksPerMinute(ZOHO_PER_MINUTE)
                        .withDailyLimit(10_000),
                s -> s,
                ZohoAdapters.inMemoryBudget());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aBurstOverTheMinuteLimitCausesNo429AndUsesEachMinuteUpToTheBudget() {
        Instant started = fx.clock.instant();
        assertThat(fx.zoho.contacts().findByName("warm-up").await()).isInstanceOf(ZohoOutcome.Success.class);
        List<Instant> done = new ArrayList<>();

        while (done.size() < BURST) {
            List<ZohoOutcome<?>> round = Future.all(IntStream.range(0, Math.min(LANES, BURST - done.size()))
                            .mapToObj(lane -> fx.zoho.contacts().findByName("nobody"))
                            .toList())
                    .await()
                    .list();
            Instant at = fx.clock.instant();
            round.stream().filter(o -> o instanceof ZohoOutcome.Success<?>).forEach(o -> done.add(at));
            if (round.stream().noneMatch(o -> o instanceof ZohoOutcome.Success<?>)) {
                fx.advance(round.stream()
                        .map(o -> ((ZohoOutcome.RateLimited<?>) o).retryAfter())
                        .min(Duration::compareTo)
                        .orElseThrow());
            }
        }

        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(BURST + 1);
        assertThat(fx.sandbox.inspect().tooManyRequests()).isZero();
        assertThat(done.stream().filter(t -> t.isBefore(started.plus(Budget.MINUTE))))
                .hasSize(LIMITS.perMinute() - 1);
        Instant finish = Budget.finishTime(LIMITS.budgetLimits(), List.of(started), Map.of(), started, BURST);
        assertThat(finish).isEqualTo(started.plus(Budget.MINUTE.multipliedBy(2)));
        assertThat(done.get(BURST - 1)).isCloseTo(finish, within(1, ChronoUnit.MILLIS));
    }
}
