package io.zohosync.bootstrap;

import io.vertx.core.Vertx;
import io.zohosync.adapters.http.HttpAdapters;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The jar's entry point: runs the service until it is told to stop (SIGTERM, Ctrl-C), then shuts it down gracefully;
 * with {@code --exit-when-ready}, until it is ready.
 */
@Command(
        name = "zoho-sync",
        mixinStandardHelpOptions = true,
        version = "zoho-sync 0.1.0",
        scope = ScopeType.INHERIT, // the commands answer -V (and --help) as the service does
        subcommands = {
            HealthCommand.class,
            AlertsCommand.class,
            BackfillCommand.class,
            DrainCommand.class,
            RetryFailedCommand.class,
            StatusCommand.class,
            ReconcileCommand.class
        },
        description = "Keeps Zoho Books, Billing, CRM and Inventory in step with your platform. "
                + "Configured by environment variables (see the README); the options below override them.")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--port", description = "HTTP port (ZSYNC_HTTP_PORT, default 8080)")
    private Integer port;

    @Option(names = "--host", description = "address the HTTP server binds (ZSYNC_HTTP_HOST, default 0.0.0.0)")
    private String host;

    @Option(
            names = "--ignore-environment",
            scope = ScopeType.INHERIT, // before or after a command's name
            description = "read no environment variable: the embedded defaults (embedded PostgreSQL, the built-in Zoho"
                    + " sandbox, demo secrets) with the options given here, whatever the shell sets; the build's"
                    + " start-up archive training runs this way")
    private boolean ignoreEnvironment;

    @Option(
            names = "--data-dir",
            scope = ScopeType.INHERIT,
            description = "folder for the embedded database and demo credentials (ZSYNC_DATA_DIR, default .zoho-sync)")
    private String dataDir;

    /** How long {@code --exit-when-ready} waits for the service, once started, to answer ready. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(1);
    /** {@code --exit-when-ready}'s exit code when the service started but was not ready in time. */
    static final int NOT_READY = 3;

    @Option(
            names = "--exit-when-ready",
            description = "start, wait until GET /health/ready answers 200, then stop gracefully: exit 0 once ready,"
                    + " 1 if it cannot start, 3 if it is not ready within a minute. Checks a configuration end to end;"
                    + " the build runs it to record bootstrap/target/zoho-sync.jsa, the start-up class archive"
                    + " (-XX:SharedArchiveFile)")
    private boolean exitWhenReady;

    private final Map<String, String> environment;
    /**
     * Whether the service owns the process (the jar's {@code main}): it then takes SIGTERM and SIGINT itself
     * ({@link StopSignals}); run in-process by a test or a host application, it leaves their signals alone.
     */
    private final boolean ownsProcess;

    /** The command line over another environment than the process's (tests, the benchmark harness, embedding). */
    public Main(Map<String, String> environment) {
        this(environment, false);
    }

    private Main(Map<String, String> environment, boolean ownsProcess) {
        this.environment = Map.copyOf(environment);
        this.ownsProcess = ownsProcess;
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) { // the service itself, not one of its commands
            HttpAdapters.parseAhead(); // the contract is most of a cold start's way to ready (issue 14, goal 5)
        }
        System.exit(new CommandLine(new Main(System.getenv(), true)).execute(args));
    }

    /** The environment the service and its commands are configured by, with the options above applied. */
    Map<String, String> environment() {
        Map<String, String> env = ignoreEnvironment ? new HashMap<>() : new HashMap<>(environment);
        if (port != null) {
            env.put("ZSYNC_HTTP_PORT", port.toString());
        }
        if (host != null) {
            env.put("ZSYNC_HTTP_HOST", host);
        }
        if (dataDir != null) {
            env.put("ZSYNC_DATA_DIR", dataDir);
        }
        return env;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = environment();
        Vertx vertx = Vertx.vertx();
        ZohoSyncApp app;
        try {
            app = ZohoSyncApp.start(vertx, env).await(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            LOG.error("zoho-sync could not start: {}", e.getMessage(), e instanceof Config.ConfigException ? null : e);
            vertx.close();
            return 1;
        }
        LOG.info("zoho-sync is up on port {}", app.httpPort());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                LOG.info("stopping: finishing in-flight work");
                app.stop()
                        .onSuccess(x -> LOG.info("stopped cleanly"))
                        .onFailure(e -> LOG.warn("stopped with an error: {}", e.toString()))
                        .eventually(vertx::close)
                        .onComplete(ar -> stopped.countDown());
            }
            awaitQuietly(stopped);
        };
        Thread hook = new Thread(stop, "zoho-sync-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicInteger signalled = new AtomicInteger();
        if (ownsProcess) {
            StopSignals.install(signal -> {
                signalled.compareAndSet(0, 128 + signal);
                stop.run();
            });
        }
        if (!exitWhenReady) {
            stopped.await();
            return signalled.get();
        }
        boolean ready = ready(app);
        // the hook stays: a signal meanwhile finds the stop under way (or done) and waits for it
        stop.run();
        return ready ? 0 : NOT_READY;
    }

    /** {@code --exit-when-ready}: whether the service answered ready within {@link #READY_WITHIN}. */
    private static boolean ready(ZohoSyncApp app) {
        try {
            if (app.ready(READY_WITHIN).await(READY_WITHIN.toSeconds() + 30, TimeUnit.SECONDS)) {
                LOG.info("zoho-sync is ready (GET /health/ready 200): stopping, as --exit-when-ready asks");
                return true;
            }
            LOG.error("zoho-sync was not ready within {} (GET /health/ready did not answer 200)", READY_WITHIN);
        } catch (Exception e) {
            LOG.error("zoho-sync's readiness could not be asked: {}", e.toString());
        }
        return false;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
