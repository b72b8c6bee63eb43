package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.ReconcileUseCase;
import io.zohosync.ports.out.Pause;
import io.zohosync.ports.reconcile.ReconcileService;
import io.zohosync.ports.sync.handler.Handlers;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation as the service and the {@code reconcile} command run it: a {@link ReconcileService} over the
 * service's database and Zoho adapters, waiting on Vert.x timers; and the schedule ({@code ZSYNC_RECONCILE_EVERY}),
 * which reports drift without repairing it.
 */
final class Reconciling {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciling.class);
    /** How long one Zoho call of a reconciliation waits for the sync to leave it budget before it gives up. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    private Reconciling() {}

    static ReconcileService service(
            Vertx vertx,
            Config config,
            PostgresAdapters pg,
            ZohoAdapters zoho,
            Handlers handlers,
            AdminSyncUseCase admin,
            SyncStateMachine machine,
            Clock clock) {
        Pause pause = TimerPause.of(vertx, clock);
        return new ReconcileService(
                        pg.reconciliations(),
                        handlers,
                        new ReconcileService.ZohoReads(
                                zoho.listings(), zoho.contacts(), zoho.customerPayments(), zoho.callBudget()),
                        pg.health(),
                        pause,
                        admin,
                        pg.syncRecords(),
                        machine,
                        clock,
                        new ReconcileService.Settings(PATIENCE, config.syncEnabled()))
                .billing(new ReconcileService.BillingReads(zoho.billingListings(), pg.zohoStates()))
                .sentPayloads(pg.sentPayloads());
    }

    /** Reconciles every {@code every} (the first after one period); the timer's id, to cancel it. */
    static long schedule(Vertx vertx, ReconcileUseCase reconcile, Duration every) {
        LOG.info("reconciliation of Books and Billing every {}", every);
        return vertx.setPeriodic(every.toMillis(), id -> run(reconcile));
    }

    private static void run(ReconcileUseCase reconcile) {
        Future<ReconcileUseCase.Started> started;
        try {
            started = reconcile.start(new ReconcileUseCase.Request(Set.of(), false), ReconcileUseCase.Progress.NONE);
        } catch (RuntimeException e) { // a pool closing under it: this run is lost, not the next ones
            started = Future.failedFuture(e);
        }
        started.compose(ReconcileUseCase.Started::done)
                .onSuccess(report -> LOG.info(
                        "scheduled reconciliation {} {}: {} records checked, {} drifts ({} safe to repair), {} Zoho calls{}",
                        report.id(),
                        report.status().wire(),
                        report.checked(),
                        report.drifts(),
                        report.safe(),
                        report.zohoCalls(),
                        report.note() == null ? "" : "; " + report.note()))
                .onFailure(e -> LOG.warn("scheduled reconciliation failed: {}", e.getMessage()));
    }
}
