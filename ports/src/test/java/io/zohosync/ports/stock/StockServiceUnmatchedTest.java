package io.zohosync.ports.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockFlush;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.in.StockUseCase.Pulled;
import io.zohosync.ports.in.StockUseCase.ZohoEvent;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.StockRows;
import io.zohosync.ports.testing.InMemoryInboundEvents;
import io.zohosync.ports.testing.InMemorySyncStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An Inventory event for an unknown item is not claimed unless it is kept: Zoho's retry is not answered "repeated". */
class StockServiceUnmatchedTest {

    /** No stock record is kept: every item is unknown. */
    private static final StockRows NO_ROWS = new StockRows() {
        @Override
        public Future<Optional<StockLevel>> lock(StockKey key) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Void> save(StockLevel level, Instant now) {
            throw new AssertionError("nothing is saved for an unknown item");
        }

        @Override
        public Future<Boolean> claimAdjustment(
                String adjustmentId, StockKey key, BigDecimal quantity, String via, Instant now) {
            throw new AssertionError("nothing is claimed for an unknown item");
        }
    };

    private final InMemorySyncStore store = new InMemorySyncStore();
    private final InMemoryInboundEvents kept = new InMemoryInboundEvents();
    private int keepsToFail = 1;

    private final Intake intake = new Intake() {
        @Override
        public <T> Future<T> inTransaction(java.util.function.Function<IntakeTransaction, Future<T>> work) {
            return store.inTransaction(tx -> work.apply(withStock(tx)));
        }
    };

    private final InboundEvents inbound = (InboundEvents) Proxy.newProxyInstance(
            InboundEvents.class.getClassLoader(), new Class<?>[] {InboundEvents.class}, (proxy, method, args) -> {
                if (method.getName().equals("keep") && keepsToFail-- > 0) {
                    return Future.failedFuture(new IllegalStateException("the database went away"));
                }
                return invoke(method, kept, args);
            });

    private static IntakeTransaction withStock(IntakeTransaction tx) {
        return (IntakeTransaction) Proxy.newProxyInstance(
                IntakeTransaction.class.getClassLoader(),
                new Class<?>[] {IntakeTransaction.class},
                (proxy, method, args) -> method.getName().equals("stock") ? NO_ROWS : invoke(method, tx, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final StockService service = new StockService(
            intake,
            null,
            inbound,
            null,
            new SyncStateMachine(
                    new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1)), new SplittableRandom(1)),
            new StockFlush(Duration.ofSeconds(2)),
            Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC));

    private static final ZohoEvent EVENT = new ZohoEvent(
            "evt-1",
            "item_stock_changed",
            "adj-1",
            "PO-1",
            "i-1",
            "NOBODY",
            null,
            BigDecimal.TEN,
            BigDecimal.TEN,
            Instant.parse("2026-11-30T07:59:00Z"),
            "ui",
            "{}");

    @Test
    void an_unmatched_event_whose_keeping_failed_is_kept_on_zohos_retry_not_answered_repeated() {
        Future<Pulled> first = service.zohoEvent(List.of(EVENT));
        assertThat(first.failed())
                .as("keeping failed: the webhook answers an error")
                .isTrue();
        assertThat(kept.list(new InboundEvents.Page(Optional.empty(), Optional.empty(), 0, 10))
                        .result())
                .isEmpty();

        Future<Pulled> retry = service.zohoEvent(List.of(EVENT));

        assertThat(retry.result()).isEqualTo(Pulled.UNMATCHED);
        assertThat(kept.list(new InboundEvents.Page(Optional.empty(), Optional.empty(), 0, 10))
                        .result())
                .singleElement()
                .satisfies(k -> assertThat(k.eventId()).isEqualTo("evt-1"));
    }
}
