package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.Blocking.await;
import static io.zohosync.bootstrap.Blocking.quietly;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.zoho.ZohoAdapters;
import io.zohosync.ports.health.ServiceHealth;
import io.zohosync.ports.health.ServiceHealth.Check;
import io.zohosync.ports.health.ServiceHealth.Found;
import io.zohosync.ports.health.ServiceHealth.ReadBack;
import io.zohosync.ports.health.ServiceHealth.Report;
import io.zohosync.ports.health.ServiceHealth.Status;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync health}: the service's database, queue and Zoho connection, read as the service is configured (the
 * same environment), for a monitor or a person; with a Zoho organization configured, a sample of synced records read
 * back from Zoho (under the shared API budget). It only reads: no migration, no write. Exit 0 healthy, 1 unhealthy, 2
 * cannot tell.
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Checks the service's database, its queue and its Zoho connection, configured by the same"
                + " environment as the service. Exit 0 healthy, 1 unhealthy, 2 cannot tell.")
final class HealthCommand implements Callable<Integer> {

    /** The Zoho connection the service keeps its tokens under. */
    private static final String CONNECTION = "default";

    /** A read waits for the budget and a slow Zoho: longer than a database query. */
    private static final Duration READ_WAIT = Duration.ofSeconds(90);

    enum Format {
        text,
        json
    }

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default text)")
    private Format format;

    @Option(
            names = "--stale-hours",
            defaultValue = "6",
            description = "unhealthy when work has been due this long and nothing reached Zoho meanwhile (default 6)")
    private int staleHours;

    @Option(
            names = "--sample",
            defaultValue = "5",
            description = "synced records to read back from Zoho, at random (0: none; default 5); under the API budget")
    private int sample;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (staleHours < 1 || sample < 0 || sample > 100) {
            spec.commandLine().getErr().println("--stale-hours must be at least 1, --sample from 0 to 100");
            return Status.UNKNOWN.exitCode();
        }
        Report report = report();
        out.println(format == Format.json ? json(report).encodePrettily() : text(report));
        out.flush();
        return report.status().exitCode();
    }

    private Report report() {
        Config config;
        try {
            config = Config.fromEnvironment(main.environment());
        } catch (Config.ConfigException e) {
            return Report.of(List.of(new Check("configuration", Status.UNKNOWN, e.getMessage())));
        }
        DatabaseSettings db;
        try {
            db = database(config);
        } catch (IllegalArgumentException e) {
            return Report.of(List.of(new Check("database", Status.UNKNOWN, e.getMessage())));
        } catch (IllegalStateException e) {
            return Report.of(List.of(
                    new Check("database", Status.UNHEALTHY, e.getMessage()),
                    new Check("activity", Status.UNKNOWN, "the database could not be read"),
                    new Check("zoho", Status.UNKNOWN, "the database could not be read")));
        }
        Vertx vertx = Vertx.vertx();
        PostgresAdapters pg = PostgresAdapters.connect(vertx, db);
        Deque<Supplier<Future<?>>> stops = new ArrayDeque<>();
        try {
            return checks(vertx, config, db, pg, stops, Instant.now());
        } finally {
            // each awaited from this thread: closing Vert.x from one of its own threads would wait for itself
            while (!stops.isEmpty()) {
                quietly(stops.pop().get());
            }
            quietly(pg.close());
            quietly(vertx.close());
        }
    }

    private Report checks(
            Vertx vertx,
            Config config,
            DatabaseSettings db,
            PostgresAdapters pg,
            Deque<Supplier<Future<?>>> stops,
            Instant now) {
        SyncHealthReader reader = pg.health();
        SyncHealthReader.Activity activity;
        try {
            activity = await(reader.activity(now));
        } catch (Exception e) {
            return Report.of(List.of(
                    new Check("database", Status.UNHEALTHY, db.describe() + " does not answer: " + reason(e)),
                    new Check("activity", Status.UNKNOWN, "the database could not be read"),
                    new Check("zoho", Status.UNKNOWN, "the database could not be read")));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("database", Status.HEALTHY, db.describe()));
        checks.add(ServiceHealth.activity(activity, config.syncEnabled(), Duration.ofHours(staleHours), now));
        try {
            checks.add(ServiceHealth.zoho(
                    await(reader.connection(CONNECTION)),
                    config.zoho().isEmpty(),
                    config.zoho().map(z -> z.refreshToken() != null).orElse(false),
                    now));
        } catch (Exception e) {
            checks.add(new Check("zoho", Status.UNKNOWN, "the stored connection could not be read: " + reason(e)));
        }
        // the built-in sandbox lives in the service's process: there is nothing to read back from here
        if (sample > 0 && config.zoho().isPresent()) {
            checks.add(integrity(vertx, config, pg, stops));
        }
        return Report.of(checks);
    }

    /** Reads a sample of synced records back from Zoho through the flows' handlers, under the shared API budget. */
    private Check integrity(Vertx vertx, Config config, PostgresAdapters pg, Deque<Supplier<Future<?>>> stops) {
        if (config.tokenKeys().isEmpty()) {
            return new Check(
                    "integrity", Status.UNKNOWN, "ZSYNC_TOKEN_KEYS is not set: the stored Zoho tokens cannot be read");
        }
        try {
            ZohoAdapters zoho = await(ZohoWiring.start(
                    vertx, config, pg.pool(), config.tokenKeys().get(), stops::push));
            Handlers handlers = new Handlers(
                    new Flows(zoho, pg.entities(), pg.zohoStates(), config, pg.stockLevels(), pg.contactIndex())
                            .handlers());
            List<ReadBack> reads = new ArrayList<>();
            for (SyncHealthReader.Linked linked : await(pg.health().sample(sample))) {
                reads.add(readBack(handlers, linked));
            }
            return ServiceHealth.integrity(reads);
        } catch (Exception e) {
            return new Check("integrity", Status.UNKNOWN, "Zoho could not be asked: " + reason(e));
        }
    }

    private static ReadBack readBack(Handlers handlers, SyncHealthReader.Linked linked) {
        Optional<SyncHandler<?>> handler = handlers.of(linked.key());
        if (handler.isEmpty()) {
            return new ReadBack(
                    linked,
                    Found.NOT_READ,
                    "no flow reads " + linked.key().type().wire() + " back from "
                            + linked.key().target().wire());
        }
        try {
            ZohoOutcome<String> read = await(handler.get().read(linked.zohoId()), READ_WAIT);
            return read instanceof ZohoOutcome.Success<String>
                    ? new ReadBack(linked, Found.IN_ZOHO, "")
                    : read instanceof ZohoOutcome.NotFound<String>
                            ? new ReadBack(linked, Found.NOT_IN_ZOHO, "")
                            : new ReadBack(linked, Found.NOT_READ, read.describe());
        } catch (Exception e) {
            return new ReadBack(linked, Found.NOT_READ, reason(e));
        }
    }

    /**
     * The configured database, or the one the service's embedded PostgreSQL serves (its port from its
     * {@code postmaster.pid}); none running is unhealthy ({@link IllegalStateException}), a bad URL cannot tell.
     */
    static DatabaseSettings database(Config config) {
        if (config.databaseUrl().isPresent()) {
            return DatabaseSettings.fromUrl(config.databaseUrl().get(), 1);
        }
        Path folder = config.dataDir().resolve("postgres").toAbsolutePath();
        Path pid = folder.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.exists(pid) ? Files.readAllLines(pid) : List.of();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pid + ": " + e.getMessage());
        }
        if (lines.size() < 4 || !lines.get(3).strip().matches("\\d{1,5}")) {
            throw new IllegalStateException("the embedded PostgreSQL in " + folder
                    + " is not running: is the service up? (or set ZSYNC_DATABASE_URL)");
        }
        return new DatabaseSettings("localhost", Integer.parseInt(lines.get(3).strip()), "postgres", "postgres", "", 1);
    }

    private static String reason(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static String text(Report report) {
        StringBuilder s =
                new StringBuilder("zoho-sync health: " + report.status().wire());
        for (Check check : report.checks()) {
            s.append(String.format(
                    "%n  %-13s %-9s  %s", check.name(), check.status().wire(), check.detail()));
        }
        return s.toString();
    }

    private static JsonObject json(Report report) {
        JsonArray checks = new JsonArray();
        report.checks()
                .forEach(c -> checks.add(new JsonObject()
                        .put("name", c.name())
                        .put("status", c.status().wire())
                        .put("detail", c.detail())));
        return new JsonObject().put("status", report.status().wire()).put("checks", checks);
    }
}
