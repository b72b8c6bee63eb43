package io.zohosync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.adapters.postgres.testing.PostgresFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A database that ran an earlier version keeps its data through the current migrations. */
class MigrationsTest {

    @Test
    void a_database_holding_every_shipped_migration_is_current_and_flyway_agrees() throws Exception {
        DatabaseSettings db = PostgresFixture.shared().emptyDatabase();
        assertThat(Migrations.current(db)).as("no history yet").isFalse();

        PostgresAdapters.migrate(db);

        assertThat(Migrations.current(db))
                .as("the checksums computed here are Flyway's")
                .isTrue();
        assertThat(Migrations.apply(db).migrationsExecuted).isZero();
    }

    @Test
    void a_changed_or_missing_migration_is_not_current_and_leaves_it_to_flyway() throws Exception {
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("update flyway_schema_history set checksum = checksum + 1 where version = '2'");
            assertThat(Migrations.current(db)).as("a changed checksum").isFalse();
            s.execute("update flyway_schema_history set checksum = checksum - 1 where version = '2'");
            assertThat(Migrations.current(db)).isTrue();
            s.execute("delete from flyway_schema_history where version = (select max(version::int)::text"
                    + " from flyway_schema_history where version is not null)");
            assertThat(Migrations.current(db))
                    .as("the newest migration not applied")
                    .isFalse();
        }
    }

    @Test
    void customers_stored_before_the_one_pipeline_become_platform_entities_and_their_links_keep_their_origin()
            throws Exception {
        DatabaseSettings db = PostgresFixture.shared().emptyDatabase();
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration")
                .target("3")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("""
                    insert into customers (platform_id, first_name, last_name, email, company_name, billing_address, kind, created_at, updated_at)
                    values ('c-1', 'Ada', 'Lovelace', 'ada@example.com', null, '{"city": "Cape Town"}', 'new', now(), now()),
                           ('c-2', null, 'Babbage', 'charles@example.com', null, '{}', 'returning', now(), now())""");
            s.execute("""
                    insert into sync_records (entity_type, entity_id, target, status, zoho_id, attempts, created_at, updated_at)
                    values ('customer', 'c-1', 'books', 'synced', 'z-1', 1, now(), now()),
                           ('customer', 'c-2', 'books', 'synced', 'z-2', 1, now(), now())""");
            s.execute("""
                    insert into sync_log (entity_type, entity_id, target, at, to_status, event)
                    values ('customer', 'c-1', 'books', now(), 'synced', 'created'),
                           ('customer', 'c-2', 'books', now(), 'synced', 'linked_by_email')""");
        }

        PostgresAdapters.migrate(db);

        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            ResultSet ada =
                    s.executeQuery("select payload::text, version from platform_entities where entity_id = 'c-1'");
            assertThat(ada.next()).isTrue();
            assertThat(ada.getString(1))
                    .isEqualTo(
                            "{\"id\": \"c-1\", \"email\": \"ada@example.com\", \"last_name\": \"Lovelace\", "
                                    + "\"returning\": false, \"first_name\": \"Ada\", \"billing_address\": {\"city\": \"Cape Town\"}}");
            assertThat(ada.getInt(2)).isEqualTo(1);
            ResultSet charles = s.executeQuery(
                    "select payload->>'returning', payload ? 'billing_address' from platform_entities where entity_id = 'c-2'");
            assertThat(charles.next()).isTrue();
            assertThat(charles.getString(1)).isEqualTo("true");
            assertThat(charles.getBoolean(2)).as("an empty address is left out").isFalse();
            ResultSet origins = s.executeQuery("select entity_id, origin from sync_records order by entity_id");
            assertThat(origins.next()).isTrue();
            assertThat(origins.getString(2)).isEqualTo("created");
            assertThat(origins.next()).isTrue();
            assertThat(origins.getString(2)).isEqualTo("matched");
            ResultSet customers = s.executeQuery("select to_regclass('customers') is null");
            assertThat(customers.next()).isTrue();
            assertThat(customers.getBoolean(1))
                    .as("the customers table is gone")
                    .isTrue();
        }
    }
}
