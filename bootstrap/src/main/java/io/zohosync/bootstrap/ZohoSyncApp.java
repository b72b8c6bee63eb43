package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.http.HttpAdapters;
import io.zohosync.adapters.http.HttpSettings;
import io.zohosync.adapters.http.Readiness;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.zoho.TokenKeys;
import io.zohosync.adapters.postgres.zoho.ZohoPostgres;
import io.zohosync.adapters.zoho.DataCentre;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.adapters.zoho.ZohoSettings;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.service.AdminSyncService;
import io.zohosync.ports.service.CustomerContactSync;
import io.zohosync.ports.service.RegisterCustomerService;
import io.zohosync.ports.service.SyncStatusService;
import io.zohosync.ports.service.SyncWorker;
import io.zohosync.ports.service.ZohoConnectionService;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every adapter from {@link Config}, wires the use cases, deploys the
 * verticles into the given {@link Vertx} (the service's own, or a host application's), and takes
 * everything down again in reverse order.
 */
public final class ZohoSyncApp {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoSyncApp.class);
    private static final long RECORD_COUNTS_EVERY_MS = 15_000;
    /** A permit's concurrency slot outlives its call: send, token refresh and resend, each bounded by the request timeout. */
    private static final int BUDGET_LEASE_CALLS = 3;

    private final Vertx vertx;
    private final Config config;
    private final Deque<Supplier<Future<?>>> shutdown = new ArrayDeque<>();
    private final Metrics metrics = new Metrics();
    private HttpVerticle http;
    private DemoCredentials demo;

    private ZohoSyncApp(Vertx vertx, Config config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts the service as configured by environment variables. */
    public static Future<ZohoSyncApp> start(Vertx vertx, java.util.Map<String, String> environment) {
        ZohoSyncApp app = new ZohoSyncApp(vertx, Config.fromEnvironment(environment));
        return app.boot().map(app).recover(error -> app.stop().transform(x -> Future.failedFuture(error)));
    }

    private Future<Void> boot() {
        return database().compose(db -> PostgresAdapters.start(vertx, db)).compose(pg -> {
            shutdown.push(pg::close);
            return zohoSettings().compose(settings -> wire(pg, zohoAdapters(pg, settings)));
        });
    }

    private Future<DatabaseSettings> database() {
        if (config.databaseUrl().isPresent()) {
            try {
                return Future.succeededFuture(DatabaseSettings.fromUrl(config.databaseUrl().get(), config.databasePoolSize()));
            } catch (IllegalArgumentException e) {
                throw new Config.ConfigException("ZSYNC_DATABASE_URL: " + e.getMessage());
            }
        }
        return vertx.executeBlocking(() -> EmbeddedDatabase.start(config.dataDir()), false).map(db -> {
            shutdown.push(() -> vertx.executeBlocking(() -> {
                db.close();
                return null;
            }, false));
            LOG.info("no ZSYNC_DATABASE_URL: using the embedded PostgreSQL kept in {}", config.dataDir().resolve("postgres").toAbsolutePath());
            return db.settings(config.databasePoolSize());
        });
    }

    private Future<ZohoSettings> zohoSettings() {
        if (config.zoho().isPresent()) {
            Config.ZohoCredentials zoho = config.zoho().get();
            ZohoSettings.Builder settings = ZohoSettings.builder(region(), zoho.clientId(), zoho.clientSecret())
                    .refreshToken(zoho.refreshToken()).booksOrganizationId(zoho.organizationId())
                    .limits(ZohoProduct.BOOKS, config.booksLimits())
                    .redirectUri(callbackUrl());
            config.zohoAccountsUrl().ifPresent(settings::accountsUrl);
            config.zohoApiUrl().ifPresent(settings::apiUrl);
            return Future.succeededFuture(settings.build());
        }
        return ZohoSandbox.start(vertx, SandboxOptions.defaults()).map(sandbox -> {
            shutdown.push(sandbox::close);
            LOG.warn("*** NO ZOHO CREDENTIALS: talking to the built-in Zoho SANDBOX at {}, NOT to Zoho. Nothing reaches "
                    + "your books. Set ZSYNC_ZOHO_CLIENT_ID, _CLIENT_SECRET, _REFRESH_TOKEN and _ORGANIZATION_ID to sync "
                    + "with Zoho. ***", sandbox.baseUrl());
            return ZohoSettings.builder(DataCentre.US, SandboxOptions.DEMO_CLIENT_ID, SandboxOptions.DEMO_CLIENT_SECRET)
                    .baseUrl(sandbox.baseUrl())
                    .refreshToken(SandboxOptions.DEMO_REFRESH_TOKEN)
                    .booksOrganizationId(SandboxOptions.DEMO_ORGANIZATION_ID)
                    .limits(ZohoProduct.BOOKS, config.booksLimits())
                    .redirectUri(callbackUrl())
                    .build();
        });
    }

    /** Tokens encrypted in Postgres and the API budget counted there, so several instances share both. */
    private ZohoAdapters zohoAdapters(PostgresAdapters pg, ZohoSettings settings) {
        TokenKeys keys;
        try {
            keys = TokenKeys.parse(secrets().tokenKeys());
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException("ZSYNC_TOKEN_KEYS: " + e.getMessage());
        }
        return ZohoAdapters.create(vertx, settings, ZohoPostgres.tokenStore(pg.pool(), keys),
                ZohoPostgres.budget(pg.pool(), settings.requestTimeout().multipliedBy(BUDGET_LEASE_CALLS)), Clock.systemUTC());
    }

    /** Where Zoho sends the admin back after consent; register exactly this URI in Zoho's API console. */
    private String callbackUrl() {
        return config.publicUrl().orElse("http://localhost:" + config.httpPort()).replaceAll("/+$", "") + "/admin/zoho/callback";
    }

    private DataCentre region() {
        try {
            return DataCentre.valueOf(config.zohoRegion().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Config.ConfigException("ZSYNC_ZOHO_REGION must be one of us, eu, in, au, jp, ca, cn, sa; not '"
                    + config.zohoRegion() + "'");
        }
    }

    private Future<Void> wire(PostgresAdapters pg, ZohoAdapters zoho) {
        shutdown.push(() -> {
            zoho.close();
            return Future.succeededFuture();
        });
        Clock clock = Clock.systemUTC();
        var register = new RegisterCustomerService(pg.customers(), clock);
        var status = new SyncStatusService(pg.syncRecords(), config.syncEnabled());
        HttpSettings httpSettings = httpSettings();
        var connect = new ZohoConnectionService(zoho.authorization(), pg.consentStates(), zoho::loadConnection,
                httpSettings.adminToken(), clock);
        List<Readiness> readiness = List.of(
                new Readiness("database", () -> pg.ping().map(new JsonObject()).recover(ZohoSyncApp::databaseDown)),
                new Readiness("zoho", () -> zoho.loadConnection().map(ZohoSyncApp::zohoDetails)));
        metrics.watch(zoho.connection());
        watchRecords(pg);
        var admin = new AdminSyncService(pg.syncRecordChanges(), stateMachine(), clock);
        var endpoints = new HttpAdapters.Endpoints(register, status, admin, connect, readiness, metrics::scrape);
        http = new HttpVerticle(v -> HttpAdapters.router(v, httpSettings, endpoints), config.httpHost(), config.httpPort());
        return deploy(http).compose(x -> config.syncEnabled() ? deploy(worker(pg, zoho, clock)) : disabled());
    }

    /** Sync-record counts for the metrics, read now and every {@link #RECORD_COUNTS_EVERY_MS}. */
    private void watchRecords(PostgresAdapters pg) {
        Runnable refresh = () -> pg.syncRecords().countsByEntityAndStatus()
                .onSuccess(metrics::records)
                .onFailure(e -> LOG.warn("could not count sync records for the metrics: {}", e.toString()));
        refresh.run();
        long timer = vertx.setPeriodic(RECORD_COUNTS_EVERY_MS, id -> refresh.run());
        shutdown.push(() -> {
            vertx.cancelTimer(timer);
            return Future.succeededFuture();
        });
    }

    private SyncWorkerVerticle worker(PostgresAdapters pg, ZohoAdapters zoho, Clock clock) {
        var machine = stateMachine();
        var customers = new CustomerContactSync(pg.customers(), zoho.contacts(),
                new MatchPolicy(config.linkNewByEmail(), config.matchReturningByName()));
        var worker = new SyncWorker(pg.syncJobs(), metrics, List.of(customers), machine, clock,
                new SyncWorker.Settings(config.batchSize(), config.lease()));
        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "-" + Long.toHexString(System.nanoTime());
        return new SyncWorkerVerticle(worker, pg.jobSignals(), workerId, config.pollInterval(), config.batchSize(), config.lease());
    }

    private SyncStateMachine stateMachine() {
        return new SyncStateMachine(new RetryPolicy(config.maxAttempts(), config.retryBase(), config.retryCap()), new SecureRandom());
    }

    private static Future<Void> disabled() {
        LOG.warn("sync is disabled (ENABLE_ZOHO_SYNC=false): records stay pending and Zoho is never called");
        return Future.succeededFuture();
    }

    /** The service accepts and stores work without Zoho: Zoho's state is shown, never a reason to be unready. */
    private static JsonObject zohoDetails(ZohoConnectionState state) {
        JsonObject details = new JsonObject().put("status", state.status().name().toLowerCase(Locale.ROOT))
                .put("detail", state.detail()).put("degraded", !state.usable());
        state.circuits().forEach((product, circuit) -> details.put("circuit_" + product.name().toLowerCase(Locale.ROOT),
                circuit.name().toLowerCase(Locale.ROOT)));
        return details;
    }

    private static Future<JsonObject> databaseDown(Throwable error) {
        LOG.warn("readiness: the database does not answer: {}", error.toString());
        return Future.failedFuture("the database does not answer");
    }

    private HttpSettings httpSettings() {
        Secrets secrets = secrets();
        return new HttpSettings(secrets.apiKeys(), secrets.adminToken(), config.bodyLimitBytes());
    }

    /** The service's own secrets: configured, or for a sandbox run only, generated once and kept in the data folder. */
    private Secrets secrets() {
        if (!config.apiKeys().isEmpty() && config.adminToken().isPresent() && config.tokenKeys().isPresent()) {
            return new Secrets(config.apiKeys(), config.adminToken().get(), config.tokenKeys().get());
        }
        if (config.zoho().isPresent()) {
            throw new Config.ConfigException("set ZSYNC_API_KEYS, ZSYNC_ADMIN_TOKEN and ZSYNC_TOKEN_KEYS: a service "
                    + "connected to Zoho never runs with generated secrets");
        }
        if (demo == null) {
            demo = DemoCredentials.loadOrCreate(config.dataDir());
            LOG.warn("secrets not configured: using demo ones kept in {} (source that file to use them)", demo.file());
        }
        return new Secrets(config.apiKeys().isEmpty() ? Set.of(demo.apiKey()) : config.apiKeys(),
                config.adminToken().orElse(demo.adminToken()), config.tokenKeys().orElse(demo.tokenKeys()));
    }

    private record Secrets(Set<String> apiKeys, String adminToken, String tokenKeys) {
        @Override
        public String toString() {
            return "Secrets[***]";
        }
    }

    private Future<Void> deploy(io.vertx.core.Deployable verticle) {
        return vertx.deployVerticle(verticle).map(id -> {
            shutdown.push(() -> vertx.undeploy(id));
            return null;
        });
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.actualPort();
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
