package io.zohosync.bootstrap;

import io.vertx.core.Vertx;
import io.zohosync.adapters.http.HttpAdapters;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.ports.billing.BillingEventPoll;
import io.zohosync.ports.billing.BillingEventService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Billing → platform (issue 10, items 7–9): the events use case, its webhook route and the periodic events poll. */
final class BillingIn {

    private static final Logger LOG = LoggerFactory.getLogger(BillingIn.class);

    private BillingIn() {}

    static BillingEventService service(PostgresAdapters pg, Clock clock) {
        return new BillingEventService(pg.intake(), pg.inboundEvents(), clock);
    }

    /** What the router serves of it: {@code POST /webhooks/zoho-billing} with the configured secret and encoding. */
    static HttpAdapters.BillingEvents routes(BillingEventService events, Config config) {
        return new HttpAdapters.BillingEvents(
                Optional.of(events),
                config.billingIn().webhookSecret(),
                config.billingIn().encoding());
    }

    static BillingEventPoll poll(PostgresAdapters pg, ZohoAdapters zoho, BillingEventService events, Clock clock) {
        return new BillingEventPoll(
                zoho.billingEvents(),
                pg.billingEventCursor(),
                events,
                zoho.callBudget(),
                zoho.budgetOutlook(),
                pg.health(),
                clock);
    }

    /** Polls every {@code every}, one pass at a time; the timer's id. */
    static long schedule(Vertx vertx, BillingEventPoll poll, Duration every) {
        LOG.info("Zoho Billing's events polled every {}", every);
        AtomicBoolean running = new AtomicBoolean();
        return vertx.setPeriodic(every.toMillis(), every.toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            poll.poll()
                    .onSuccess(pass -> {
                        if (pass.applied() > 0) {
                            LOG.info("the Billing events poll applied {} events the webhook had not", pass.applied());
                        }
                    })
                    .onFailure(e -> LOG.warn("the Billing events poll failed: {}", e.toString()))
                    .onComplete(x -> running.set(false));
        });
    }
}
