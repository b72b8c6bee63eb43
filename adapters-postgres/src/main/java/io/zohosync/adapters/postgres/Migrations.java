package io.zohosync.adapters.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the Flyway migrations in {@code db/migration}. Blocking: call it off the event loop. */
final class Migrations {

    private Migrations() {}

    static MigrateResult apply(DatabaseSettings settings) {
        return Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
