package io.zohosync.bootstrap;

import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The default database: an embedded PostgreSQL whose data folder survives restarts. Blocking; start it off the event loop. */
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
