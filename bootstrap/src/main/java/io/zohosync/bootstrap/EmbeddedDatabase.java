package io.zohosync.bootstrap;

import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default database: an embedded PostgreSQL whose data folder survives restarts. Blocking; start it off the event
 * loop. Durable as the service promises: the library starts PostgreSQL for tests, with {@code fsync} and
 * {@code synchronous_commit} off (an acknowledged write could be lost, and the folder corrupted, by a crash of the
 * machine); both are set back on here.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path folder = dataDir.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(folder);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(folder)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + folder, e);
        }
    }

    DatabaseSettings settings(int poolSize) {
        return new DatabaseSettings("localhost", postgres.getPort(), "postgres", "postgres", "", poolSize);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
