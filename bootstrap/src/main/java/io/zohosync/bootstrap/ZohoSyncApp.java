package io.zohosync.bootstrap;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zohosync.adapters.http.HttpAdapters;
import io.zohosync.adapters.http.HttpSettings;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.zoho.PgApiUsage;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.admin.AdminSyncService;
import io.zohosync.ports.admin.SyncStatusService;
import io.zohosync.ports.connect.ZohoConnectionService;
import io.zohosync.ports.console.ConsoleService;
import io.zohosync.ports.flows.billing.PaymentMethodService;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.sync.Dependants;
import io.zohosync.ports.sync.ReconnectWakeUp;
import io.zohosync.ports.sync.SyncRunner;
import io.zohosync.ports.sync.SyncWorker;
import io.zohosync.ports.sync.handler.Handlers;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter from {@link Config}, wires the use cases and the {@link Flows},
 * deploys the verticles into the given {@link Vertx} (the service's own, or a host application's), and takes
 * everything down again in reverse order.
 */
public final class ZohoSyncApp {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoSyncApp.class);

    private final Vertx vertx;
    private final Config config;
    private final Clock clock = Clock.systemUTC();
    private final Deque<Supplier<Future<?>>> shutdown = new ArrayDeque<>();
    private final Metrics metrics = new Metrics();
    private HttpVerticle http;

    private ZohoSyncApp(Vertx vertx, Config config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts the service as configured by environment variables. */
    public static Future<ZohoSyncApp> start(Vertx vertx, Map<String, String> environment) {
        ZohoSyncApp app = new ZohoSyncApp(vertx, Config.fromEnvironment(environment));
        return app.boot().map(app).recover(error -> app.stop().transform(x -> Future.failedFuture(error)));
    }

    private Future<Void> boot() {
        Secrets secrets;
        try {
            secrets = Secrets.of(config);
        } catch (Config.ConfigException e) {
            return Future.failedFuture(e);
        }
        HttpAdapters.prepare(vertx); // beside the database's start: the router waits for it, not the boot
        return database().compose(db -> PostgresAdapters.start(vertx, db)).compose(pg -> {
            shutdown.push(pg::close);
            return ZohoWiring.start(vertx, config, pg.pool(), secrets.tokenKeys(), shutdown::push)
                    .compose(zoho -> wire(pg, zoho, secrets));
        });
    }

    private Future<DatabaseSettings> database() {
        if (config.databaseUrl().isPresent()) {
            try {
                return Future.succeededFuture(
                        DatabaseSettings.fromUrl(config.databaseUrl().get(), config.databasePoolSize()));
            } catch (IllegalArgumentException e) {
                throw new Config.ConfigException("ZSYNC_DATABASE_URL: " + e.getMessage());
            }
        }
        return vertx.executeBlocking(() -> EmbeddedDatabase.start(config.dataDir()), false)
                .map(db -> {
                    shutdown.push(() -> vertx.executeBlocking(
                            () -> {
                                db.close();
                                return null;
                            },
                            false));
                    LOG.info(
                            "no ZSYNC_DATABASE_URL: using the embedded PostgreSQL kept in {}",
                            config.dataDir().resolve("postgres").toAbsolutePath());
                    return db.settings(config.databasePoolSize());
                });
    }

    private Future<Void> wire(PostgresAdapters pg, ZohoAdapters zoho, Secrets secrets) {
        SyncStateMachine machine = new SyncStateMachine(config.retryPolicy(), new SecureRandom());
        Flows flows = new Flows(zoho, pg.entities(), pg.zohoStates(), config, pg.stockLevels(), pg.contactIndex());
        Handlers handlers = new Handlers(flows.handlers());
        Routing routing = flows.routing(config.targets());
        var intake = new IntakeService(pg.intake(), flows.mappings(), routing, machine, clock);
        var status = new SyncStatusService(pg.syncRecordsReader(), config.syncEnabled(), pg.zohoStates());
        var dependants = new Dependants(pg.syncRecords(), machine, metrics);
        var admin = new AdminSyncService(
                pg.syncRecords(), dependants, handlers, machine, pg.adminAudit(), TimerPause.of(vertx, clock), clock);
        var reconcile = Reconciling.service(vertx, config, pg, zoho, handlers, admin, machine, clock);
        var stock = Stocking.service(pg, zoho, machine, config.stock(), clock);
        var billingEvents = BillingIn.service(pg, clock);
        var wakeUp = new ReconnectWakeUp(pg.syncRecords(), machine, clock);
        var connect = new ZohoConnectionService(
                zoho.authorization(),
                // the consent asks for the scopes of every product a type is kept in (issues 10 and 11)
                routing.allTargets().stream().map(ZohoProduct::of).collect(Collectors.toSet()),
                pg.consentStates(),
                zoho::loadConnection,
                wakeUp::wake,
                secrets.tokenKeys(), // not the admin token: a leaked admin token must not also forge consent states
                clock);
        metrics.watch(zoho.connection());
        metrics.watchIntake(pg.intakeGroups());
        long counting = metrics.watch(vertx, pg.syncRecordsReader());
        shutdown.push(() -> Future.succeededFuture(vertx.cancelTimer(counting)));
        var endpoints = new HttpAdapters.Endpoints(
                intake,
                status,
                admin,
                connect,
                pg.inboundEvents(),
                Stream.concat(
                                Health.checks(pg, zoho).stream(),
                                Stream.of(Outbound.readiness(config, pg.platformOutbox())))
                        .toList(),
                metrics::scrape,
                console(pg, zoho),
                pg.adminAudit(),
                reconcile,
                pg.platformOutbox(),
                pg.mappings()::find,
                new PaymentMethodService(
                        pg.syncRecords(),
                        pg.entities(),
                        zoho.billingPages(),
                        zoho.subscriptions(),
                        pg.hostedPages(),
                        clock));
        var httpSettings = new HttpSettings(
                secrets.apiKeys(),
                secrets.adminToken(),
                config.bodyLimitBytes(),
                config.httpMaxInFlight(),
                config.metricsToken(),
                HttpSettings.DEFAULT_MAX_FAILED_SIGN_INS,
                HttpSettings.DEFAULT_FAILED_SIGN_IN_WINDOW);
        http = new HttpVerticle(
                v -> HttpAdapters.router(
                        v,
                        httpSettings,
                        endpoints,
                        config.stripe(),
                        metrics::stripeEvent,
                        Stocking.routes(stock, config.stock()),
                        BillingIn.routes(billingEvents, config)),
                config.httpHost(),
                config.httpPort(),
                config.httpIdleTimeout());
        var signer = Outbound.signer(config);
        return deploy(http)
                .compose(
                        x -> Outbound.start(vertx, config, signer, pg.platformOutbox(), metrics, clock, shutdown::push))
                .compose(x ->
                        config.syncEnabled() ? deploy(worker(pg, zoho, handlers, dependants, machine)) : disabled())
                .map(x -> {
                    alerts(pg);
                    config.billingIn()
                            .pollEvery()
                            .filter(every -> config.syncEnabled())
                            .ifPresent(every -> {
                                long timer = BillingIn.schedule(
                                        vertx, BillingIn.poll(pg, zoho, billingEvents, clock), every);
                                shutdown.push(() -> Future.succeededFuture(vertx.cancelTimer(timer)));
                            });
                    config.stock()
                            .pollEvery()
                            .filter(every -> config.syncEnabled())
                            .ifPresent(every -> {
                                long timer = Stocking.schedule(vertx, stock, every);
                                shutdown.push(() -> Future.succeededFuture(vertx.cancelTimer(timer)));
                            });
                    config.reconcileEvery().ifPresent(every -> {
                        long timer = Reconciling.schedule(vertx, reconcile, every);
                        shutdown.push(() -> Future.succeededFuture(vertx.cancelTimer(timer)));
                    });
                    return null;
                });
    }

    /** The console's reads: over the database, the Books contacts client and the budget's allowances. */
    private ConsoleService console(PostgresAdapters pg, ZohoAdapters zoho) {
        return new ConsoleService(
                pg.consoleReader(),
                pg.syncRecordsReader(),
                pg.health(),
                new PgApiUsage(pg.pool()),
                pg.entities(),
                zoho.contacts(),
                zoho.webLinks(),
                Alerting.limits(config),
                clock);
    }

    /** Alerts, when a channel is configured: evaluated periodically, stopped first on shutdown. */
    private void alerts(PostgresAdapters pg) {
        if (!config.alerts().enabled()) {
            return;
        }
        Alerting alerting = Alerting.create(vertx, config, pg, clock);
        alerting.start(config);
        shutdown.push(alerting::stop);
    }

    private SyncWorkerVerticle worker(
            PostgresAdapters pg,
            ZohoAdapters zoho,
            Handlers handlers,
            Dependants dependants,
            SyncStateMachine machine) {
        var runner = new SyncRunner(
                handlers,
                pg.entities(),
                pg.syncRecords(),
                pg.syncJobs(),
                zoho.callBudget(),
                new SyncRunner.Settings(config.prerequisiteRecheck(), config.prerequisiteWait()),
                pg.sentPayloads());
        var worker = new SyncWorker(
                pg.syncJobs(),
                zoho.callBudget(),
                dependants,
                runner,
                metrics,
                machine,
                clock,
                new SyncWorker.Settings(
                        config.batchSize(), config.lease(), config.crm().flush()));
        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "-" + Long.toHexString(System.nanoTime());
        return config.schedule()
                .map(on -> new SyncWorkerVerticle(
                        worker,
                        pg.jobSignals(),
                        workerId,
                        config.pollInterval(),
                        config.lease(),
                        on.period(),
                        on.max()))
                .orElseGet(() -> new SyncWorkerVerticle(
                        worker, pg.jobSignals(), workerId, config.pollInterval(), config.lease()));
    }

    private static Future<Void> disabled() {
        LOG.warn("sync is disabled (ENABLE_ZOHO_SYNC=false): records stay pending and Zoho is never called");
        return Future.succeededFuture();
    }

    private Future<Void> deploy(Deployable verticle) {
        return vertx.deployVerticle(verticle).map(id -> {
            shutdown.push(() -> vertx.undeploy(id));
            return null;
        });
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.actualPort();
    }

    /**
     * Asks the service's own {@code GET /health/ready} (over HTTP, as a load balancer does) every 100 ms until it
     * answers 200: true then, false once {@code within} has passed without it.
     */
    public Future<Boolean> ready(Duration within) {
        String host = switch (config.httpHost()) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> config.httpHost();
        };
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost(host).setDefaultPort(httpPort()));
        return askReady(client, System.nanoTime() + within.toNanos()).eventually(client::close);
    }

    private Future<Boolean> askReady(HttpClient client, long deadline) {
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setURI("/health/ready")
                        .setIdleTimeout(5_000)) // one that hangs is asked again
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .otherwise(-1) // not answering yet
                .compose(status -> {
                    if (status == 200) {
                        return Future.succeededFuture(true);
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return Future.succeededFuture(false);
                    }
                    return vertx.timer(100, TimeUnit.MILLISECONDS).compose(x -> askReady(client, deadline));
                });
    }

    /** Stops in reverse order of start: verticles (finishing or handing back work), Zoho, database. */
    public Future<Void> stop() {
        Future<?> chain = Future.succeededFuture();
        while (!shutdown.isEmpty()) {
            Supplier<Future<?>> step = shutdown.pop();
            chain = chain.transform(x -> step.get());
        }
        return chain.mapEmpty();
    }
}
