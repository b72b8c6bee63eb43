package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StockSettingsTest {

    @Test
    void defaults_flush_after_two_seconds_poll_every_five_minutes_and_serve_no_webhook() {
        StockSettings settings = StockSettings.from(Map.of());
        assertThat(settings.flush()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.pollEvery()).contains(Duration.ofMinutes(5));
        assertThat(settings.webhookSecret()).isEmpty();
    }

    @Test
    void each_variable_is_read_and_the_secret_never_shown() {
        StockSettings settings = StockSettings.from(Map.of(
                "ZSYNC_STOCK_FLUSH_MS", "250",
                "ZSYNC_INVENTORY_POLL_EVERY", "30s",
                "ZSYNC_ZOHO_INVENTORY_WEBHOOK_SECRET", "s3cretvalue0123"));
        assertThat(settings.flush()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.pollEvery()).contains(Duration.ofSeconds(30));
        assertThat(settings.webhookSecret()).contains("s3cretvalue0123");
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(StockSettings.from(Map.of("ZSYNC_INVENTORY_POLL_EVERY", "off"))
                        .pollEvery())
                .isEqualTo(Optional.empty());
        assertThat(StockSettings.from(Map.of("ZSYNC_INVENTORY_POLL_EVERY", "1h"))
                        .pollEvery())
                .contains(Duration.ofHours(1));
    }

    @Test
    void a_bad_value_is_refused_naming_its_variable() {
        assertThatThrownBy(() -> StockSettings.from(Map.of("ZSYNC_STOCK_FLUSH_MS", "soon")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_STOCK_FLUSH_MS");
        assertThatThrownBy(() -> StockSettings.from(Map.of("ZSYNC_STOCK_FLUSH_MS", "-1")))
                .isInstanceOf(Config.ConfigException.class);
        assertThatThrownBy(() -> StockSettings.from(Map.of("ZSYNC_INVENTORY_POLL_EVERY", "0s")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessageContaining("ZSYNC_INVENTORY_POLL_EVERY");
        assertThatThrownBy(() -> StockSettings.from(Map.of("ZSYNC_INVENTORY_POLL_EVERY", "5 minutes")))
                .isInstanceOf(Config.ConfigException.class);
    }
}
