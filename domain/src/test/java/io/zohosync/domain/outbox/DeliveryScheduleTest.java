package io.zohosync.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryScheduleTest {

    @Test
    void the_standard_schedule_tries_eight_times_over_more_than_a_day() {
        DeliverySchedule s = DeliverySchedule.STANDARD;
        assertThat(s.attempts()).isEqualTo(8);
        assertThat(s.afterFailed(1)).contains(Duration.ofSeconds(5));
        assertThat(s.afterFailed(2)).contains(Duration.ofMinutes(5));
        assertThat(s.afterFailed(3)).contains(Duration.ofMinutes(30));
        assertThat(s.afterFailed(4)).contains(Duration.ofHours(2));
        assertThat(s.afterFailed(5)).contains(Duration.ofHours(5));
        assertThat(s.afterFailed(6)).contains(Duration.ofHours(10));
        assertThat(s.afterFailed(7)).contains(Duration.ofHours(10));
        assertThat(s.afterFailed(8)).as("dead").isEmpty();
        assertThat(s.span()).isEqualTo(Duration.parse("PT27H35M5S")).isGreaterThan(Duration.ofHours(24));
    }

    @Test
    void a_schedule_reads_from_its_text() {
        assertThat(DeliverySchedule.parse("200ms, 1s,5m,2h").delays())
                .containsExactly(
                        Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(2));
        assertThat(DeliverySchedule.parse("5s,5m,30m,2h,5h,10h,10h")).isEqualTo(DeliverySchedule.STANDARD);
        assertThat(new DeliverySchedule(List.of()).afterFailed(1)).isEmpty();
    }

    @Test
    void a_bad_schedule_is_refused() {
        assertThatThrownBy(() -> DeliverySchedule.parse("5s,soon")).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> DeliverySchedule.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliverySchedule.STANDARD.afterFailed(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
