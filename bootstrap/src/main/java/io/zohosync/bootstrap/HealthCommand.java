package io.zohosync.bootstrap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.ports.health.ServiceHealth;
import io.zohosync.ports.health.ServiceHealth.Check;
import io.zohosync.ports.health.ServiceHealth.Report;
import io.zohosync.ports.health.ServiceHealth.Status;
import io.zohosync.ports.out.SyncHealthReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zoho-sync health}: the service's database, queue and Zoho connection, read as the service is configured (the
 * same environment), for a monitor or a person. It only reads: no migration, no Zoho call. Exit 0 healthy, 1
 * unhealthy, 2 cannot tell.
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Checks the service's database, its queue and its Zoho connection, configured by the same"
                + " environment as the service. Exit 0 healthy, 1 unhealthy, 2 cannot tell.")
final class HealthCommand implements Callable<Integer> {

    /** The Zoho connection the service keeps its tokens under. */
    private static final String CONNECTION = "default";

    private static final Duration WAIT = Duration.ofSeconds(15);

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (staleHours < 1) {
            spec.commandLine().getErr().println("--stale-hours must be at least 1");
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
        Pool pool = PostgresAdapters.pool(vertx, db);
        try {
            return checks(config, db, PostgresAdapters.health(pool), Instant.now());
        } finally {
            // each awaited from this thread: closing Vert.x from one of its own threads would wait for itself
            quietly(pool.close());
            quietly(vertx.close());
        }
    }

    private Report checks(Config config, DatabaseSettings db, SyncHealthReader reader, Instant now) {
        SyncHealthReader.Activity activity;
        try {
            activity = await(reader.activity(now));
        } catch (Exception e) {
            return Report.of(List.of(
                    new Check("database", Status.UNHEALTHY, db.describe() + " does not answer: " + reason(e)),
                    new Check("activity", Status.UNKNOWN, "the database could not be read"),
                    new Check("zoho", Status.UNKNOWN, "the database could not be read")));
        }
        Check database = new Check("database", Status.HEALTHY, db.describe());
        Check queue = ServiceHealth.activity(activity, config.syncEnabled(), Duration.ofHours(staleHours), now);
        Check zoho;
        try {
            zoho = ServiceHealth.zoho(
                    await(reader.connection(CONNECTION)),
                    config.zoho().isEmpty(),
                    config.zoho().map(z -> z.refreshToken() != null).orElse(false),
                    now);
        } catch (Exception e) {
            zoho = new Check("zoho", Status.UNKNOWN, "the stored connection could not be read: " + reason(e));
        }
        return Report.of(List.of(database, queue, zoho));
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

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void quietly(Future<Void> closing) {
        try {
            await(closing);
        } catch (Exception e) {
            // the report is made; a slow close changes nothing in it
        }
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
