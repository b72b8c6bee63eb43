package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ZSYNC_SCHEDULE} and {@code ZSYNC_SCHEDULE_MAX} as the service reads them. */
class WorkerScheduleTest {

    @Test
    void unset_or_continuous_drains_continuously() {
        assertThat(Config.fromEnvironment(Map.of()).schedule()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_SCHEDULE", "continuous"))
                        .schedule())
                .isEmpty();
    }

    @Test
    void hourly_runs_at_most_ten_by_default_as_the_shop_did() {
        assertThat(Config.fromEnvironment(Map.of("ZSYNC_SCHEDULE", "hourly")).schedule())
                .contains(new WorkerSchedule(Duration.ofHours(1), 10));
    }

    @Test
    void every_n_minutes_or_hours_with_a_cap() {
        assertThat(WorkerSchedule.parse(Optional.of("every 15m"), Optional.of("25")))
                .contains(new WorkerSchedule(Duration.ofMinutes(15), 25));
        assertThat(WorkerSchedule.parse(Optional.of("Every 2h"), Optional.empty()))
                .contains(new WorkerSchedule(Duration.ofHours(2), 10));
        assertThat(WorkerSchedule.parse(Optional.of("every 30s"), Optional.of("1")))
                .contains(new WorkerSchedule(Duration.ofSeconds(30), 1));
    }

    @Test
    void anything_else_is_refused_in_one_sentence() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ZSYNC_SCHEDULE", "daily")))
                .isInstanceOf(Config.ConfigException.class)
                .hasMessage(
                        "ZSYNC_SCHEDULE must be continuous, hourly or every <n>s|m|h (e.g. every 15m), not 'daily'");
        assertThatThrownBy(() -> WorkerSchedule.parse(Optional.of("every 0m"), Optional.empty()))
                .hasMessageContaining("not 'every 0m'");
        assertThatThrownBy(() -> WorkerSchedule.parse(Optional.of("hourly"), Optional.of("0")))
                .hasMessage("ZSYNC_SCHEDULE_MAX must be a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> WorkerSchedule.parse(Optional.of("hourly"), Optional.of("ten")))
                .hasMessage("ZSYNC_SCHEDULE_MAX must be a whole number of at least 1, not 'ten'");
        assertThatThrownBy(() -> WorkerSchedule.parse(Optional.empty(), Optional.of("10")))
                .hasMessage("ZSYNC_SCHEDULE_MAX needs ZSYNC_SCHEDULE (hourly, every <n>m|h)");
    }
}
