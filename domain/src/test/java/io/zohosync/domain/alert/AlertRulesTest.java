package io.zohosync.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private final AlertRules rules =
            new AlertRules(new AlertThresholds(3, Duration.ofMinutes(30), 80, Duration.ofMinutes(15)));

    @Test
    void failedSyncsAlertFromTheThresholdOn() {
        assertThat(rules.queue(Map.of(SyncStatus.FAILED, 2L), 0, null, NOW, true, NOW))
                .isEmpty();
        assertThat(rules.queue(Map.of(SyncStatus.FAILED, 3L, SyncStatus.SYNCED, 10L), 0, null, NOW, true, NOW))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(AlertKind.FAILED_SYNCS);
                    assertThat(c.key()).isEqualTo("failed-syncs");
                    assertThat(c.summary()).isEqualTo("3 syncs failed and wait for an admin");
                });
    }

    @Test
    void oneFailedSyncIsSaidInTheSingular() {
        AlertRules eager = new AlertRules(new AlertThresholds(1, Duration.ofMinutes(30), 80, Duration.ZERO));
        assertThat(eager.queue(Map.of(SyncStatus.FAILED, 1L), 0, null, NOW, true, NOW))
                .singleElement()
                .satisfies(c -> assertThat(c.summary()).isEqualTo("1 sync failed and waits for an admin"));
    }

    @Test
    void workIsStuckWhenTheOldestWaitedLongerThanTheThresholdAndNothingSyncedMeanwhile() {
        Instant longAgo = NOW.minus(Duration.ofMinutes(31));
        assertThat(rules.queue(Map.of(), 4, longAgo, null, true, NOW))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(AlertKind.STUCK_SYNCS);
                    assertThat(c.summary()).isEqualTo("Syncs are stuck: nothing reached Zoho in 30 min");
                    assertThat(c.detail())
                            .isEqualTo("4 due, the oldest since 2026-11-30T07:29:00Z, nothing synced yet");
                });
        assertThat(rules.queue(Map.of(), 4, longAgo, NOW.minus(Duration.ofMinutes(40)), true, NOW))
                .singleElement();
        // a queue that moves is not stuck, however old its oldest record
        assertThat(rules.queue(Map.of(), 4, longAgo, NOW.minus(Duration.ofMinutes(5)), true, NOW))
                .isEmpty();
        assertThat(rules.queue(Map.of(), 4, NOW.minus(Duration.ofMinutes(30)), null, true, NOW))
                .isEmpty();
        assertThat(rules.queue(Map.of(), 0, null, null, true, NOW)).isEmpty();
        // a disabled sync leaves work waiting on purpose
        assertThat(rules.queue(Map.of(), 4, longAgo, null, false, NOW)).isEmpty();
    }

    @Test
    void aRefusedConnectionAlerts() {
        assertThat(rules.connection(false)).isEmpty();
        assertThat(rules.connection(true))
                .get()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(AlertKind.RECONNECT_NEEDED));
    }

    @Test
    void aBudgetAlertsAtTheThresholdShareOfTheDay() {
        assertThat(rules.budget("BOOKS_AND_INVENTORY", 799, 1000)).isEmpty();
        assertThat(rules.budget("BOOKS_AND_INVENTORY", 800, 1000)).get().satisfies(c -> {
            assertThat(c.key()).isEqualTo("budget-BOOKS_AND_INVENTORY");
            assertThat(c.summary()).isEqualTo("Zoho API budget of BOOKS_AND_INVENTORY nearly spent: 80 % of the day");
            assertThat(c.detail()).startsWith("800 of 1000 calls in the last 24 hours (alert at 80 %)");
        });
        assertThat(rules.budget("CRM", 5, 5))
                .get()
                .satisfies(c -> assertThat(c.summary()).endsWith("100 % of the day"));
    }

    @Test
    void thresholdsRefuseNonsense() {
        assertThatThrownBy(() -> new AlertThresholds(0, Duration.ofMinutes(1), 80, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(1, Duration.ZERO, 80, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(1, Duration.ofMinutes(1), 101, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(1, Duration.ofMinutes(1), 80, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
