package io.zohosync.adapters.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.sandbox.core.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each class of Zoho answer, produced by the sandbox, read into its {@link ZohoOutcome}. */
@ExtendWith(VertxExtension.class)
class ErrorClassesTest {

    private SandboxFixture fx;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withConcurrency(50),
                s -> s.limits(ZohoProduct.BOOKS, new ZohoApiLimits(1000, 10_000, 50))
                        .requestTimeout(Duration.ofSeconds(1))
                        .breaker(50, Duration.ofSeconds(30)),
                ZohoAdapters.inMemoryBudget());
        assertThat(find()).isInstanceOf(ZohoOutcome.Success.class);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private ZohoOutcome<List<ZohoContact>> find() {
        return fx.zoho.contacts().findByName("nobody").await();
    }

    @Test
    void aServerErrorAResetAndATimeoutAreOutages() {
        fx.sandbox.control().failNext(Fault.SERVER_ERROR, 1);
        assertThat(find()).isInstanceOf(ZohoOutcome.Outage.class);
        fx.sandbox.control().failNext(Fault.CONNECTION_RESET, 1);
        assertThat(find()).isInstanceOf(ZohoOutcome.Outage.class);
        fx.sandbox.control().failNext(Fault.TIMEOUT, 1);
        long started = System.nanoTime();
        assertThat(find()).isInstanceOf(ZohoOutcome.Outage.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(find()).isInstanceOf(ZohoOutcome.Success.class);
    }

    @Test
    void code44IsTheMinuteLimitAndTheBudgetStopsCallingUntilItReopens() {
        fx.sandbox.control().perMinuteLimit("books", 2);
        find();
        ZohoOutcome<List<ZohoContact>> limited = find();
        int calls = fx.sandbox.inspect().calls("GET /books/v3/contacts");

        assertThat(limited).isInstanceOfSatisfying(ZohoOutcome.RateLimited.class, r -> {
            assertThat(r.scope()).isEqualTo(Scope.MINUTE);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        });
        assertThat(find())
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        r -> assertThat(r.scope()).isEqualTo(Scope.MINUTE));
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(calls);

        fx.advance(Duration.ofMinutes(1));
        assertThat(find()).isInstanceOf(ZohoOutcome.Success.class);
    }

    @Test
    void code45IsTheDailyLimitAndTheBudgetWaitsForTheResetZohoTold() {
        fx.sandbox.control().dailyLimit(1);
        assertThat(find())
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        r -> assertThat(r.scope()).isEqualTo(Scope.DAY));
        int calls = fx.sandbox.inspect().calls("GET /books/v3/contacts");

        // the refusal said 0 remain and when the day resets: no re-probe an hour later, the wait is Zoho's
        assertThat(find()).isInstanceOfSatisfying(ZohoOutcome.RateLimited.class, r -> {
            assertThat(r.scope()).isEqualTo(Scope.DAY);
            assertThat(r.retryAfter()).isGreaterThan(Duration.ofHours(23));
        });
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/contacts")).isEqualTo(calls);
    }

    @Test
    void code1070IsTheConcurrencyLimit() {
        fx.sandbox.control().concurrencyLimit(1).latency(Duration.ofMillis(100));
        List<ZohoOutcome<List<ZohoContact>>> outcomes = Outcomes.concurrently(3, this::findAsync);
        assertThat(outcomes)
                .anySatisfy(o -> assertThat(o)
                        .isInstanceOfSatisfying(
                                ZohoOutcome.RateLimited.class,
                                r -> assertThat(r.scope()).isEqualTo(Scope.CONCURRENCY)));
    }

    private io.vertx.core.Future<ZohoOutcome<List<ZohoContact>>> findAsync() {
        return fx.zoho.contacts().findByName("nobody");
    }

    @Test
    void aRefusedValueIsAValidationKeepingZohosCodeAndMessage() {
        fx.sandbox.control().strict(true);
        ZohoOutcome<io.vertx.core.json.JsonObject> outcome = fx.zoho
                .api()
                .call(ZohoRequest.get(ZohoProduct.BOOKS, "/contacts").param("per_page", "-5"), r -> r)
                .await();

        assertThat(outcome).isInstanceOfSatisfying(ZohoOutcome.Validation.class, v -> {
            assertThat(v.code()).isEqualTo("14");
            assertThat(v.message()).startsWith("Invalid value passed for");
        });
    }

    @Test
    void aMissingRecordIsNotFound() {
        assertThat(fx.zoho.contacts().get("460000000000001").await())
                .isInstanceOfSatisfying(
                        ZohoOutcome.NotFound.class, n -> assertThat(n.message()).isEqualTo("Contact does not exist."));
    }
}
