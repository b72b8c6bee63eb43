package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ZSYNC_TRANSIENT_RETRY_HOURS: how long one attempt keeps retrying transient Zoho faults. */
class TransientRetryConfigTest {

    @Test
    void an_attempt_retries_transient_faults_for_twelve_hours_unless_configured() {
        assertThat(Config.fromEnvironment(Map.of()).transientRetryWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_TRANSIENT_RETRY_HOURS", "720"))
                        .transientRetryWindow())
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void a_window_of_nothing_or_over_thirty_days_is_refused_at_start() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_TRANSIENT_RETRY_HOURS", "0")))
                .hasMessageContaining("ZSYNC_TRANSIENT_RETRY_HOURS must be at least 1");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_TRANSIENT_RETRY_HOURS", "721")))
                .hasMessage("ZSYNC_TRANSIENT_RETRY_HOURS must be at most 720 (30 days), not 721");
    }
}
