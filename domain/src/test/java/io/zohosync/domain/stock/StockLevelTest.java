package io.zohosync.domain.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    private static final StockKey KEY = new StockKey("SKU-1", null);

    private static StockChange delta(String id, String delta) {
        return new StockChange(id, "SKU-1", null, new BigDecimal(delta), null, "sold");
    }

    private static StockChange level(String id, String level) {
        return new StockChange(id, "SKU-1", null, null, new BigDecimal(level), "counted");
    }

    @Test
    void deltas_before_zohos_level_is_read_count_from_it() {
        StockLevel level = StockLevel.unknown(KEY).changed(delta("a", "-3")).changed(delta("b", "-2"));
        assertThat(level.needsZohoLevel()).isTrue();
        assertThat(level.platformLevel()).isNull();

        StockLevel read = level.zohoRead(new BigDecimal("20"));

        assertThat(read.platformLevel()).isEqualByComparingTo("15");
        assertThat(read.toPush()).isEqualByComparingTo("-5");
    }

    @Test
    void an_absolute_level_is_the_platforms_whatever_came_before() {
        StockLevel level = StockLevel.unknown(KEY).changed(delta("a", "-3")).changed(level("b", "7"));
        assertThat(level.platformLevel()).isEqualByComparingTo("7");
        assertThat(level.zohoRead(new BigDecimal("20")).toPush()).isEqualByComparingTo("-13");
    }

    @Test
    void a_pull_moves_both_sides_so_nothing_is_left_to_push_back() {
        StockLevel level = StockLevel.at(KEY, new BigDecimal("10")).changed(delta("a", "-4"));
        StockLevel pulled = level.pulled(new BigDecimal("6"));
        assertThat(pulled.platformLevel()).isEqualByComparingTo("12");
        assertThat(pulled.zoho()).isEqualByComparingTo("16");
        assertThat(pulled.toPush()).isEqualByComparingTo(level.toPush());
        assertThat(StockLevel.at(KEY, BigDecimal.ONE).pulled(BigDecimal.TEN).toPush())
                .isZero();
    }

    @Test
    void a_push_is_noted_under_a_fresh_reference_and_recorded_by_its_quantity() {
        StockLevel level = StockLevel.at(KEY, new BigDecimal("10")).changed(level("a", "4"));
        StockLevel noted = level.intending(level.toPush());
        assertThat(noted.hasIntent()).isTrue();
        assertThat(StockLevel.isOurs(noted.intentReference())).isTrue();
        assertThat(noted.intentQuantity()).isEqualByComparingTo("-6");
        StockLevel done = noted.pushed(noted.intentQuantity());
        assertThat(done.hasIntent()).isFalse();
        assertThat(done.toPush()).isZero();
        assertThat(done.nextReference()).isNotEqualTo(noted.intentReference());
        assertThat(noted.withoutIntent().zoho()).isEqualByComparingTo("10");
        assertThat(StockLevel.isOurs("PO-17")).isFalse();
        assertThat(StockLevel.isOurs(null)).isFalse();
    }

    @Test
    void a_change_takes_exactly_one_of_delta_and_level() {
        assertThatThrownBy(() -> new StockChange("a", "S", null, BigDecimal.ONE, BigDecimal.ONE, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new StockChange("a", "S", null, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new StockChange("a", "S", null, null, new BigDecimal("-1"), null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new StockChange("a", "S", null, BigDecimal.ZERO, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new StockChange("", "S", null, BigDecimal.ONE, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new StockChange("a", "S", "w@1", BigDecimal.ONE, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new StockChange("a", "S", "W1", BigDecimal.ONE, null, null)
                        .key()
                        .id())
                .isEqualTo("S@W1");
        assertThat(StockKey.of("S@W1")).isEqualTo(new StockKey("S", "W1"));
        assertThat(StockKey.of("S")).isEqualTo(new StockKey("S", null));
    }

    @Test
    void the_flush_window_delays_only_the_change_that_queues_the_record() {
        Instant now = Instant.parse("2026-11-30T08:00:00Z");
        StockFlush flush = new StockFlush(Duration.ofSeconds(2));

        SyncState queued = flush.delay(false, SyncState.pending(now), now);
        assertThat(queued.nextRunAt()).isEqualTo(now.plusSeconds(2));
        assertThat(flush.delay(true, queued, now.plusSeconds(1))).isEqualTo(queued);
        SyncState failed = new SyncState(SyncStatus.FAILED, 3, now, "x", null, null, "x");
        assertThat(flush.delay(false, failed, now)).isEqualTo(failed);
    }
}
