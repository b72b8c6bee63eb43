package io.zohosync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void a_libpq_style_url_with_credentials_and_sslmode_is_read() {
        DatabaseSettings s =
                DatabaseSettings.fromUrl("postgres://app:p%40ss@db.example.com:6543/zsync?sslmode=require", 5);

        assertThat(s).isEqualTo(new DatabaseSettings("db.example.com", 6543, "zsync", "app", "p@ss", 5, "require"));
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/zsync?sslmode=require");
        assertThat(s.toString()).doesNotContain("p@ss");
    }

    @Test
    void a_jdbc_url_with_query_credentials_is_read_and_the_port_defaults() {
        DatabaseSettings s = DatabaseSettings.fromUrl("jdbc:postgresql://localhost/test?user=u&password=p", 3);

        assertThat(s).isEqualTo(new DatabaseSettings("localhost", 5432, "test", "u", "p", 3, "disable"));
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/test");
    }

    @Test
    void another_pool_size_keeps_everything_else_and_is_checked_as_any() {
        DatabaseSettings s =
                DatabaseSettings.fromUrl("postgres://app:secret@db.example.com:6543/zsync?sslmode=require", 5);

        assertThat(s.withPoolSize(2))
                .isEqualTo(new DatabaseSettings("db.example.com", 6543, "zsync", "app", "secret", 2, "require"));
        assertThatThrownBy(() -> s.withPoolSize(0)).hasMessageContaining("poolSize must be positive");
    }

    @Test
    void an_unknown_parameter_or_ssl_mode_is_refused_not_ignored() {
        assertThatThrownBy(() -> DatabaseSettings.fromUrl("postgresql://u@h/db?ssl=true", 1))
                .hasMessageContaining("unsupported database URL parameter 'ssl'");
        assertThatThrownBy(() -> DatabaseSettings.fromUrl("postgresql://u@h/db?sslmode=sometimes", 1))
                .hasMessageContaining("sslmode must be one of");
    }
}
