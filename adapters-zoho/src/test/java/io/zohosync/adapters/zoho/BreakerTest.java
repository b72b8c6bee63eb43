package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoConnectionState.Circuit;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.core.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BreakerTest {

    private static final String LIST = "GET /books/v3/contacts";
    private SandboxFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o,
                s -> s.breaker(3, Duration.ofMillis(400))
                        .limits(ZohoProduct.BOOKS, new ZohoApiLimits(1000, 10_000, 10)),
                ZohoAdapters.inMemoryBudget());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private ZohoOutcome<?> find() {
        return fx.zoho.contacts().findByName("nobody").await();
    }

    private Circuit books() {
        return fx.zoho.connection().state().circuits().get(ZohoProduct.BOOKS);
    }

    @Test
    void opensOnOutagesRejectsFastWhileOpenAndClosesAfterRecovery() throws InterruptedException {
        fx.sandbox.control().failNext(Fault.SERVER_ERROR, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(find()).isInstanceOf(ZohoOutcome.Outage.class);
        }
        assertThat(books()).isEqualTo(Circuit.OPEN);
        assertThat(fx.zoho.connection().state().circuits().get(ZohoProduct.CRM)).isEqualTo(Circuit.CLOSED);

        int calls = fx.sandbox.inspect().calls(LIST);
        long started = System.nanoTime();
        assertThat(find()).isInstanceOfSatisfying(ZohoOutcome.RateLimited.class, o -> {
            assertThat(o.scope()).isEqualTo(ZohoOutcome.RateLimited.Scope.CIRCUIT_OPEN);
            assertThat(o.message()).contains("circuit is open");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
        assertThat(fx.sandbox.inspect().calls(LIST)).isEqualTo(calls);

        Thread.sleep(500);
        assertThat(books()).isEqualTo(Circuit.HALF_OPEN);
        assertThat(find()).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(books()).isEqualTo(Circuit.CLOSED);
    }

    @Test
    void refusedDataAndRateLimitsNeverOpenIt() {
        fx.sandbox.control().strict(true);
        int before = fx.sandbox.inspect().calls(LIST);
        for (int i = 0; i < 5; i++) {
            assertThat(fx.zoho
                            .api()
                            .call(
                                    ZohoRequest.get(ZohoProduct.BOOKS, "/contacts")
                                            .param("per_page", "-1"),
                                    r -> r)
                            .await())
                    .isInstanceOf(ZohoOutcome.Validation.class);
        }
        assertThat(fx.sandbox.inspect().calls(LIST) - before)
                .as("five refusals reached Zoho, above the threshold of 3")
                .isEqualTo(5);
        assertThat(books()).isEqualTo(Circuit.CLOSED);

        fx.sandbox.control().strict(false).perMinuteLimit("books", 1);
        find();
        assertThat(find()).isInstanceOf(ZohoOutcome.RateLimited.class);
        assertThat(fx.sandbox.inspect().tooManyRequests()).isPositive();
        assertThat(books()).isEqualTo(Circuit.CLOSED);
    }
}
