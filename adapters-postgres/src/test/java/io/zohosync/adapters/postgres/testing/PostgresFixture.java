package io.zohosync.adapters.postgres.testing;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Test fixture: one migrated PostgreSQL database per test JVM, from the first source that works:
 * <ol>
 *   <li>{@code ZSYNC_TEST_DATABASE_URL} (CI: the machine's server; a fresh database is created in it),</li>
 *   <li>Testcontainers, when a Docker engine answers (a developer's laptop),</li>
 *   <li>embedded PostgreSQL (zonky), which needs nothing installed.</li>
 * </ol>
 * Tests share the database and stay independent by using unique ids, never by truncating tables.
 */
public final class PostgresFixture {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresFixture.class);
    private static final String URL_VARIABLE = "ZSYNC_TEST_DATABASE_URL";
    private static PostgresFixture shared;

    private final DatabaseSettings settings;
    /**
     * Where databases are created and dropped from: the server's own database, never one the fixture created (the
     * JVM's database is dropped at exit, with every connection to it, while the other databases' drops still run).
     */
    private final DatabaseSettings server;

    private final String source;

    private PostgresFixture(DatabaseSettings settings, DatabaseSettings server, String source) {
        this.settings = settings;
        this.server = server;
        this.source = source;
    }

    /** The JVM's database, started and migrated on first use. */
    public static synchronized PostgresFixture shared() {
        if (shared == null) {
            shared = start();
            PostgresAdapters.migrate(shared.settings);
            LOG.info("Postgres fixture: using {} ({})", shared.source, shared.settings.describe());
        }
        return shared;
    }

    private static PostgresFixture start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return freshDatabaseIn(DatabaseSettings.fromUrl(url, 8), URL_VARIABLE);
        }
        if (dockerAnswers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            DatabaseSettings inContainer = DatabaseSettings.fromUrl(
                    container.getJdbcUrl() + "?user=" + container.getUsername() + "&password="
                            + container.getPassword(),
                    8);
            return new PostgresFixture(inContainer, inContainer, "Testcontainers");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            DatabaseSettings embeddedServer =
                    new DatabaseSettings("localhost", embedded.getPort(), "postgres", "postgres", "", 8);
            return new PostgresFixture(embeddedServer, embeddedServer, "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException("no database for tests: set " + URL_VARIABLE + " or start Docker", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates a database of our own on the given server so runs never see each other's rows; dropped at exit. */
    private static PostgresFixture freshDatabaseIn(DatabaseSettings server, String source) {
        DatabaseSettings fresh = createDatabase(server);
        return new PostgresFixture(fresh, server, source + " (database " + fresh.database() + ")");
    }

    private static DatabaseSettings createDatabase(DatabaseSettings server) {
        String name =
                "zsync_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "create database " + name);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> execute(server, "drop database if exists " + name + " with (force)")));
        return new DatabaseSettings(server.host(), server.port(), name, server.user(), server.password(), 8);
    }

    /** An empty database on the same server, not migrated: for tests of the migrations themselves. */
    public DatabaseSettings emptyDatabase() {
        return createDatabase(server);
    }

    /**
     * Another migrated database on the same server, for a test that must not share state with the
     * rest of the JVM (a second application instance with its own secrets, say).
     */
    public DatabaseSettings newDatabase() {
        DatabaseSettings fresh = createDatabase(server);
        PostgresAdapters.migrate(fresh);
        return fresh;
    }

    /** {@code jdbc:postgresql://host:port/db?user=…&password=…}: the form {@code ZSYNC_DATABASE_URL} accepts. */
    public static String url(DatabaseSettings db) {
        return db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
    }

    private static void execute(DatabaseSettings server, String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on " + server.describe(), e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Which source was chosen, for the test log. */
    public String source() {
        return source;
    }

    public Pool pool(Vertx vertx) {
        return PostgresAdapters.pool(vertx, settings);
    }
}
