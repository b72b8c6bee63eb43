package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A burst larger than Zoho's minute limit, drained by five lanes that wait whenever the budget says so:
 * Zoho never answers 429 and the minute is used to at least 90 %. A sandbox minute lasts three real seconds.
 */
@ExtendWith(VertxExtension.class)
class BudgetBurstTest {

    private static final int ZOHO_PER_MINUTE = 100;
    private static final int BURST = 200;
    private SandboxFixture fx;
    private Vertx vertx;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        fx = SandboxFixture.start(vertx, o -> o.withTimeScale(20).withBooksPerMinute(ZOHO_PER_MINUTE).withDailyLimit(10_000),
                s -> s, ZohoAdapters.inMemoryBudget());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aBurstOverTheMinuteLimitCausesNo429AndUsesAtLeastNinetyPercentOfIt() {
        AtomicInteger next = new AtomicInteger();
        List<Instant> done = Collections.synchronizedList(new ArrayList<>());
        assertThat(fx.zoho.contacts().findByName("warm-up").await()).isInstanceOf(ZohoOutcome.Success.class);
        Instant started = fx.clock.instant();

        Future.all(IntStream.range(0, 5).mapToObj(lane -> lane(next, done)).toList()).await();

        assertThat(done).hasSize(BURST);
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(BURST + 1);
        assertThat(fx.sandbox.inspect().tooManyRequests()).isZero();
        Duration elapsed = Duration.between(started, fx.clock.instant());
        double perMinute = BURST / (elapsed.toMillis() / 60_000.0);
        long firstMinute = done.stream().filter(t -> t.isBefore(started.plusSeconds(60))).count();
        assertThat(firstMinute).isGreaterThanOrEqualTo((long) (ZOHO_PER_MINUTE * 0.9));
        assertThat(perMinute).isGreaterThanOrEqualTo(ZOHO_PER_MINUTE * 0.9);
    }

    private Future<Void> lane(AtomicInteger next, List<Instant> done) {
        if (next.getAndIncrement() >= BURST) {
            return Future.succeededFuture();
        }
        return untilDone().compose(at -> {
            done.add(at);
            return lane(next, done);
        });
    }

    /** One call, retried after the budget's (or Zoho's) retry-after, as the worker defers a job. */
    private Future<Instant> untilDone() {
        return fx.zoho.contacts().findByName("nobody").compose(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<List<ZohoContact>>) {
                return Future.succeededFuture(fx.clock.instant());
            }
            assertThat(outcome).isInstanceOf(ZohoOutcome.RateLimited.class);
            Duration wait = fx.clock.real(((ZohoOutcome.RateLimited<?>) outcome).retryAfter());
            Promise<Void> waited = Promise.promise();
            vertx.setTimer(Math.max(1, wait.toMillis()), id -> waited.complete());
            return waited.future().compose(v -> untilDone());
        });
    }
}
