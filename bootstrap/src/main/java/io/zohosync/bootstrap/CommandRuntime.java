package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;
import static io.zohosync.bootstrap.Blocking.quietly;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.ports.admin.AdminSyncService;
import io.zohosync.ports.admin.SyncStatusService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.sync.Dependants;
import io.zohosync.ports.sync.SyncRunner;
import io.zohosync.ports.sync.SyncWorker;
import io.zohosync.ports.sync.handler.Handlers;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * What the commands ({@code backfill}, {@code drain}, {@code retry-failed}, {@code status}, {@code reconcile}) run on: the
 * service's configuration, its database (as {@code health} finds it) and, for those that write to Zoho, the same
 * adapters, flows, state machine and worker as the service — so claims, the API budget and never writing twice go
 * through Postgres exactly as beside a running service. Opening it refuses with one sentence ({@link Refused}).
 */
final class CommandRuntime implements AutoCloseable {

    /** Why a command cannot run: said in one line, exit 2. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    final Config config;
    final Vertx vertx;
    final PostgresAdapters pg;
    final DatabaseSettings db;
    final Clock clock = Clock.systemUTC();
    final SyncStateMachine machine;
    private final Deque<Supplier<Future<?>>> stops = new ArrayDeque<>();
    private ZohoAdapters zoho;
    private Flows flows;
    /** The service loggers' level before the command quietened them; given back on close (tests run commands in-process). */
    private Level logLevel;

    private CommandRuntime(Config config, Vertx vertx, DatabaseSettings db, PostgresAdapters pg) {
        this.config = config;
        this.vertx = vertx;
        this.db = db;
        this.pg = pg;
        this.machine = new SyncStateMachine(config.retryPolicy(), new SecureRandom());
    }

    /** The configuration and a database that answers; the service's INFO logging is kept off the command's output. */
    static CommandRuntime open(Main main) throws Refused {
        Level before = quiet();
        try {
            return open(main, before);
        } catch (Refused e) {
            restore(before);
            throw e;
        }
    }

    private static CommandRuntime open(Main main, Level logLevel) throws Refused {
        Config config;
        DatabaseSettings db;
        try {
            config = Config.fromEnvironment(main.environment());
            db = HealthCommand.database(config).withPoolSize(Math.max(2, config.databasePoolSize()));
        } catch (Config.ConfigException | IllegalArgumentException | IllegalStateException e) {
            throw new Refused(e.getMessage());
        }
        Vertx vertx = Vertx.vertx();
        PostgresAdapters pg = PostgresAdapters.connect(vertx, db);
        CommandRuntime runtime = new CommandRuntime(config, vertx, db, pg);
        runtime.logLevel = logLevel;
        try {
            await(pg.ping());
        } catch (Exception e) {
            runtime.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new Refused(db.describe() + " does not answer: " + cause.getMessage());
        }
        return runtime;
    }

    /**
     * The Zoho adapters as the service builds them; refused without a Zoho organization: the built-in sandbox of demo
     * mode lives in the running service's process, and one of the command's own would vanish with the ids it gave.
     */
    ZohoAdapters zoho() throws Refused {
        if (config.zoho().isEmpty()) {
            throw new Refused("no Zoho organization is configured: in demo mode the built-in sandbox lives in the"
                    + " running service's process, so ask the service (its console and admin API); configure"
                    + " ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_ORGANIZATION_ID to run this command");
        }
        if (zoho == null) {
            try {
                zoho = await(ZohoWiring.start(
                        vertx, config, pg.pool(), Secrets.of(config).tokenKeys(), stops::push));
            } catch (Config.ConfigException e) {
                throw new Refused(e.getMessage());
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new Refused("Zoho could not be set up: " + cause.getMessage());
            }
            flows = new Flows(zoho, pg.entities(), pg.zohoStates(), config, pg.stockLevels(), pg.contactIndex());
        }
        return zoho;
    }

    Routing routing() throws Refused {
        zoho();
        try {
            return flows.routing(config.targets());
        } catch (Config.ConfigException e) {
            throw new Refused(e.getMessage());
        }
    }

    Handlers handlers() throws Refused {
        zoho();
        return new Handlers(flows.handlers());
    }

    SyncRunner runner() throws Refused {
        return new SyncRunner(
                handlers(),
                pg.entities(),
                pg.syncRecords(),
                pg.syncJobs(),
                zoho().callBudget(),
                new SyncRunner.Settings(config.prerequisiteRecheck(), config.prerequisiteWait()),
                pg.sentPayloads());
    }

    /** The service's worker, claiming {@code batch} jobs a pass, telling {@code observer} of every outcome. */
    SyncWorker worker(int batch, SyncObserver observer) throws Refused {
        return new SyncWorker(
                pg.syncJobs(),
                zoho().callBudget(),
                new Dependants(pg.syncRecords(), machine, observer),
                runner(),
                observer,
                machine,
                clock,
                new SyncWorker.Settings(batch, config.lease(), config.crm().flush()));
    }

    AdminSyncService admin(SyncObserver observer) throws Refused {
        return new AdminSyncService(
                pg.syncRecords(),
                new Dependants(pg.syncRecords(), machine, observer),
                handlers(),
                machine,
                pg.adminAudit(),
                TimerPause.of(vertx, clock),
                clock);
    }

    SyncStatusService status() {
        return new SyncStatusService(pg.syncRecordsReader(), config.syncEnabled());
    }

    /** The service's loggers at WARN unless ZSYNC_LOG_LEVEL says otherwise; the level they had. */
    private static Level quiet() {
        if (System.getenv("ZSYNC_LOG_LEVEL") == null
                && LoggerFactory.getLogger("io.zohosync") instanceof ch.qos.logback.classic.Logger logger) {
            Level before = logger.getLevel();
            logger.setLevel(Level.WARN);
            return before;
        }
        return null;
    }

    private static void restore(Level level) {
        if (level != null && LoggerFactory.getLogger("io.zohosync") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(level);
        }
    }

    static String workerId(String command) {
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + command + "-"
                + Long.toHexString(System.nanoTime());
    }

    /** Closes from the command's own thread: closing Vert.x from one of its own threads would wait for itself. */
    @Override
    public void close() {
        while (!stops.isEmpty()) {
            quietly(stops.pop().get());
        }
        quietly(pg.close());
        quietly(vertx.close());
        restore(logLevel);
    }
}
