package io.zohosync.bootstrap;

import io.vertx.core.Vertx;
import io.zohosync.adapters.http.HttpAdapters;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.domain.stock.StockFlush;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.in.StockUseCase;
import io.zohosync.ports.stock.StockService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stock both ways (issue 11): the use case, what the router serves of it, and the periodic poll of Zoho's adjustments. */
final class Stocking {

    private static final Logger LOG = LoggerFactory.getLogger(Stocking.class);

    private Stocking() {}

    static StockService service(
            PostgresAdapters pg, ZohoAdapters zoho, SyncStateMachine machine, StockSettings settings, Clock clock) {
        return new StockService(
                pg.intake(),
                pg.stockLevels(),
                pg.inboundEvents(),
                zoho.stock(),
                machine,
                new StockFlush(settings.flush()),
                clock);
    }

    static HttpAdapters.Stock routes(StockUseCase stock, StockSettings settings) {
        return new HttpAdapters.Stock(Optional.of(stock), settings.webhookSecret());
    }

    /** Polls every {@code every}, one poll at a time; the timer's id. */
    static long schedule(Vertx vertx, StockUseCase stock, Duration every) {
        LOG.info("Zoho Inventory adjustments polled every {}", every);
        AtomicBoolean running = new AtomicBoolean();
        return vertx.setPeriodic(0, every.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            stock.poll()
                    .onSuccess(applied -> {
                        if (applied > 0) {
                            LOG.info("the Inventory poll applied {} stock changes made in Zoho", applied);
                        }
                    })
                    .onFailure(e -> LOG.warn("the Inventory poll failed: {}", e.toString()))
                    .onComplete(x -> running.set(false));
        });
    }
}
