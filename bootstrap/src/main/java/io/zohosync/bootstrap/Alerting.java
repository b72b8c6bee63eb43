package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.adapters.alerts.AlertAdapters;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.zoho.PgApiUsage;
import io.zohosync.domain.alert.AlertRules;
import io.zohosync.ports.alerts.AlertService;
import io.zohosync.ports.out.zoho.BudgetAccount.Meter;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as the service runs them: the channels {@link Config.Alerts} names, an {@link AlertService} over the
 * service's own database, and an evaluation every {@code interval}, never two at once. Logs what was sent (subjects only:
 * never a password or a webhook's URL) and what could not be, which is tried again at the next evaluation.
 */
final class Alerting {

    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

    /** The Zoho connection the service keeps its tokens under. */
    static final String CONNECTION = "default";

    private final Vertx vertx;
    private final AlertAdapters adapters;
    private final AlertService service;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;
    private volatile Future<?> current = Future.succeededFuture();

    private Alerting(Vertx vertx, AlertAdapters adapters, AlertService service) {
        this.vertx = vertx;
        this.adapters = adapters;
        this.service = service;
    }

    /** The service over {@code pg} as {@code config} says, telling the configured channels (none: a dry run's). */
    static Alerting create(Vertx vertx, Config config, PostgresAdapters pg, Clock clock) {
        AlertAdapters adapters = AlertAdapters.create(
                vertx, config.alerts().smtp(), config.alerts().webhook());
        AlertService service = new AlertService(
                pg.health(),
                new PgApiUsage(pg.pool()),
                pg.reconciliations(),
                new AlertRules(config.alerts().thresholds()),
                adapters.channels(),
                new AlertService.Settings(perDay(config), config.syncEnabled(), CONNECTION),
                clock);
        service.watching(pg.platformOutbox());
        return new Alerting(vertx, adapters, service);
    }

    /** Each meter's daily allowance as the budget counts it: Books' as configured, the others' defaults. */
    static Map<Meter, Integer> perDay(Config config) {
        Map<Meter, Integer> perDay = new EnumMap<>(Meter.class);
        limits(config).forEach((meter, limits) -> perDay.put(meter, limits.perDay()));
        return perDay;
    }

    /** Each meter's allowances as the budget counts them: Books' as configured, the others' defaults. */
    static Map<Meter, ZohoApiLimits> limits(Config config) {
        return Map.of(
                Meter.BOOKS_AND_INVENTORY, config.booksLimits(),
                Meter.BILLING, ZohoApiLimits.defaults(ZohoProduct.BILLING),
                Meter.CRM, ZohoApiLimits.defaults(ZohoProduct.CRM));
    }

    AlertService service() {
        return service;
    }

    /** Evaluates every {@code config.alerts().interval()} until {@link #stop}. */
    void start(Config config) {
        timer = vertx.setPeriodic(config.alerts().interval().toMillis(), id -> evaluate());
        LOG.info("alerts: {}", config.alerts());
    }

    private void evaluate() {
        if (!running.compareAndSet(false, true)) {
            return; // the last evaluation still runs (a slow mail server): this one would only repeat it
        }
        Future<AlertService.Round> round;
        try {
            round = service.evaluate();
        } catch (RuntimeException e) { // a pool closing under it: this evaluation is lost, not the next ones
            round = Future.failedFuture(e);
        }
        current = round.onSuccess(done -> {
                    done.sent()
                            .forEach(s -> LOG.info(
                                    "alert {} sent by {}: {}",
                                    s.notice().type(),
                                    s.channel(),
                                    s.notice().subject()));
                    done.failed()
                            .forEach(f -> LOG.warn(
                                    "alert {} could not be sent by {}, trying again at the next evaluation: {}",
                                    f.notice().subject(),
                                    f.channel(),
                                    f.reason()));
                })
                .onFailure(e -> LOG.warn("alerts could not read the service's state: {}", e.getMessage()))
                .onComplete(ar -> running.set(false));
    }

    /** Stops evaluating, lets a running evaluation end, and closes the channels' clients. */
    Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return current.transform(x -> adapters.close());
    }
}
