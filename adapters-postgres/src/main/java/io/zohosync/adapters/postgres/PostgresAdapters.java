package io.zohosync.adapters.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zohosync.adapters.postgres.billing.PgHostedPageRecords;
import io.zohosync.adapters.postgres.connect.PgConsentStates;
import io.zohosync.adapters.postgres.console.PgConsole;
import io.zohosync.adapters.postgres.inbound.PgInboundEvents;
import io.zohosync.adapters.postgres.intake.IntakeGroups;
import io.zohosync.adapters.postgres.intake.PgIntake;
import io.zohosync.adapters.postgres.intake.PgSyncBacklog;
import io.zohosync.adapters.postgres.mappings.PgMappings;
import io.zohosync.adapters.postgres.outbox.PgPlatformOutbox;
import io.zohosync.adapters.postgres.reconcile.PgReconcileStore;
import io.zohosync.adapters.postgres.states.PgZohoStates;
import io.zohosync.adapters.postgres.sync.PgJobSignals;
import io.zohosync.adapters.postgres.sync.PgSyncHealth;
import io.zohosync.adapters.postgres.sync.PgSyncJobs;
import io.zohosync.adapters.postgres.sync.PgSyncRecords;
import io.zohosync.ports.out.AdminAudit;
import io.zohosync.ports.out.ConsentStates;
import io.zohosync.ports.out.ConsoleReader;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.HostedPageRecords;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.JobSignals;
import io.zohosync.ports.out.MappingsReader;
import io.zohosync.ports.out.PlatformOutbox;
import io.zohosync.ports.out.ReconcileStore;
import io.zohosync.ports.out.SyncBacklog;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.SyncRecordsReader;
import io.zohosync.ports.out.ZohoStates;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Postgres adapter factory: migrates the schema, opens the non-blocking pool, hands out the port implementations. */
public final class PostgresAdapters {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdapters.class);
    private static final int POOL_WAIT_SECONDS = 10;

    private final Vertx vertx;
    private final DatabaseSettings settings;
    private final Pool pool;
    private final Intake intake;
    private final Supplier<IntakeGroups> intakeGroups;
    private final EntityStore entities;
    private final PgSyncJobs jobs;
    private final SyncRecords records;
    private final SyncRecordsReader recordsReader;
    private final ConsentStates consentStates;
    private final InboundEvents inboundEvents;
    private final ConsoleReader consoleReader;
    private final AdminAudit adminAudit;

    /**
     * The ports the HTTP side answers from are guarded: a database that cannot be reached fails their
     * futures as {@link io.zohosync.ports.out.StoreUnavailable} (a 503 to callers), not as the driver's error.
     */
    private PostgresAdapters(Vertx vertx, DatabaseSettings settings, Pool pool) {
        this.vertx = vertx;
        this.settings = settings;
        this.pool = pool;
        PgIntake unguarded = new PgIntake(pool);
        this.intakeGroups = unguarded::groups;
        Object pgIntake = Unreachable.guard(unguarded, Intake.class, EntityStore.class);
        this.intake = (Intake) pgIntake;
        this.entities = (EntityStore) pgIntake;
        this.jobs = new PgSyncJobs(pool);
        Object pgRecords = Unreachable.guard(new PgSyncRecords(pool), SyncRecords.class, SyncRecordsReader.class);
        this.records = (SyncRecords) pgRecords;
        this.recordsReader = (SyncRecordsReader) pgRecords;
        this.consentStates = Unreachable.guard(new PgConsentStates(pool), ConsentStates.class);
        this.inboundEvents = Unreachable.guard(new PgInboundEvents(pool), InboundEvents.class);
        Object console = Unreachable.guard(new PgConsole(pool), ConsoleReader.class, AdminAudit.class);
        this.consoleReader = (ConsoleReader) console;
        this.adminAudit = (AdminAudit) console;
    }

    /** Runs the migrations on a worker thread, then opens the pool. */
    public static Future<PostgresAdapters> start(Vertx vertx, DatabaseSettings settings) {
        // a database that already holds every migration this build ships needs no Flyway (seconds at start-up)
        return vertx.executeBlocking(() -> Migrations.current(settings) ? null : Migrations.apply(settings), false)
                .map(result -> {
                    LOG.info(
                            "database {}: {}",
                            settings.describe(),
                            result == null || result.migrationsExecuted == 0
                                    ? "schema already current"
                                    : result.migrationsExecuted + " migrations applied, schema now at version "
                                            + result.targetSchemaVersion);
                    return new PostgresAdapters(vertx, settings, pool(vertx, settings));
                });
    }

    /**
     * The adapters over a database the service has migrated already, without migrating it: for a command that looks
     * at a running service's database and must change nothing there (its schema included).
     */
    public static PostgresAdapters connect(Vertx vertx, DatabaseSettings settings) {
        return new PostgresAdapters(vertx, settings, pool(vertx, settings));
    }

    /** Applies the migrations now, blocking the calling thread; for tools and test fixtures, never the event loop. */
    public static void migrate(DatabaseSettings settings) {
        Migrations.apply(settings);
    }

    /** A pool for {@code settings}, for adapters that live outside this package. */
    public static Pool pool(Vertx vertx, DatabaseSettings settings) {
        return PgBuilder.pool()
                .with(new PoolOptions()
                        .setMaxSize(settings.poolSize())
                        .setName("zoho-sync")
                        // a request waits this long for a connection, then is told the database is unavailable
                        .setConnectionTimeout(POOL_WAIT_SECONDS))
                .connectingTo(connectOptions(settings))
                .using(vertx)
                .build();
    }

    private static PgConnectOptions connectOptions(DatabaseSettings settings) {
        SslMode mode = SslMode.of(settings.sslMode());
        PgConnectOptions options = new PgConnectOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setDatabase(settings.database())
                .setUser(settings.user())
                .setPassword(settings.password())
                .setCachePreparedStatements(true)
                // the default (2,048 characters) left the record store's statement (a CTE of ~2,500) unprepared:
                // parsed and planned on every use, in a round trip of its own that stalled the pipeline (issue 14)
                .setPreparedStatementCacheSqlLimit(16_384)
                .setSslMode(mode);
        // as in libpq: require encrypts without checking the certificate; verify-ca and verify-full check it
        // against the JVM's trust store, verify-full the host name too
        ClientSSLOptions ssl = new ClientSSLOptions()
                .setTrustAll(mode == SslMode.ALLOW || mode == SslMode.PREFER || mode == SslMode.REQUIRE)
                .setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
        return mode == SslMode.DISABLE ? options : options.setSslOptions(ssl);
    }

    /** What a health check reads; it only reads. */
    public SyncHealthReader health() {
        return new PgSyncHealth(pool);
    }

    /** What the platform sent that Zoho does not hold yet (a backfill's set); it only reads. */
    public SyncBacklog backlog() {
        return new PgSyncBacklog(pool);
    }

    /** The stock records' levels and the Inventory poll's cursor (issue 11). */
    public io.zohosync.ports.out.StockLevels stockLevels() {
        return Unreachable.guard(
                new io.zohosync.adapters.postgres.stock.PgStockLevels(pool, java.time.Clock.systemUTC()),
                io.zohosync.ports.out.StockLevels.class);
    }

    public Pool pool() {
        return pool;
    }

    /** Facts, their entities and their first sync records, in one transaction each. */
    public Intake intake() {
        return intake;
    }

    /** The intake's shared transactions so far, committed and rolled back (read at every metrics scrape). */
    public Supplier<IntakeGroups> intakeGroups() {
        return intakeGroups;
    }

    public EntityStore entities() {
        return entities;
    }

    public SyncJobs syncJobs() {
        return jobs;
    }

    public SyncRecords syncRecords() {
        return records;
    }

    public SyncRecordsReader syncRecordsReader() {
        return recordsReader;
    }

    public ConsentStates consentStates() {
        return consentStates;
    }

    /** Provider events held for a person: unmatched, failed payments. */
    public InboundEvents inboundEvents() {
        return inboundEvents;
    }

    /** What the operator's console reads besides the sync records. */
    public ConsoleReader consoleReader() {
        return consoleReader;
    }

    /** The audit of admin actions (V12). */
    public AdminAudit adminAudit() {
        return adminAudit;
    }

    /** Reconciliation's reports and drifts, and the records it compares. */
    public ReconcileStore reconciliations() {
        return Unreachable.guard(new PgReconcileStore(pool), ReconcileStore.class);
    }

    /** The platform's outbox after commit: delivery leases, attempts, the admin's reads (V13, V14). */
    public PlatformOutbox platformOutbox() {
        return Unreachable.guard(new PgPlatformOutbox(pool), PlatformOutbox.class);
    }

    /** The Billing events poll's last seen event (V20). */
    public io.zohosync.ports.out.BillingEventCursor billingEventCursor() {
        return Unreachable.guard(
                new io.zohosync.adapters.postgres.billing.PgBillingEventCursor(pool),
                io.zohosync.ports.out.BillingEventCursor.class);
    }

    /** Zoho's state mirrored per sync record (V17). */
    public ZohoStates zohoStates() {
        return Unreachable.guard(new PgZohoStates(pool), ZohoStates.class);
    }

    /** The organization's Books contacts, known without a search per customer (V23). */
    public io.zohosync.ports.out.zoho.ContactIndex contactIndex() {
        return Unreachable.guard(
                new io.zohosync.adapters.postgres.zoho.PgContactIndex(pool),
                io.zohosync.ports.out.zoho.ContactIndex.class);
    }

    /** The hash of the payload last sent per sync record (V23). */
    public io.zohosync.ports.out.SentPayloads sentPayloads() {
        return Unreachable.guard(
                new io.zohosync.adapters.postgres.zoho.PgSentPayloads(pool), io.zohosync.ports.out.SentPayloads.class);
    }

    /** The mappings API's reads: sync records with Zoho's mirrored state (V17, V21). */
    public MappingsReader mappings() {
        return Unreachable.guard(new PgMappings(pool), MappingsReader.class);
    }

    /** The Billing hosted pages opened for customers' cards (V19). */
    public HostedPageRecords hostedPages() {
        return Unreachable.guard(new PgHostedPageRecords(pool), HostedPageRecords.class);
    }

    /** A new listener on its own connection: one per worker. */
    public JobSignals jobSignals() {
        return new PgJobSignals(PgSubscriber.subscriber(vertx, connectOptions(settings)));
    }

    /** Answers when the database takes a trivial query; for readiness checks. */
    public Future<Void> ping() {
        return pool.query("select 1").execute().mapEmpty();
    }

    public Future<Void> close() {
        return pool.close();
    }
}
