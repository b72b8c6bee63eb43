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

    private static final Instant READ = Instant.parse("2026-11-30T08:00:02.300Z");

    @Test
    void a_zoho_change_made_before_the_read_is_not_counted_twice_in_zohos_level() {
        // the platform set 50; Zoho held 20, a UI change of +4 was made at 08:00:00, the level read (24) at 08:00:02.3
        StockLevel read = StockLevel.unknown(KEY).changed(level("a", "50")).zohoRead(new BigDecimal("24"), READ);
        assertThat(read.toPush()).isEqualByComparingTo("26");
        StockLevel pushed = read.intending(read.toPush(), READ).pushed(new BigDecimal("26")); // Zoho now 50

        StockLevel pulled = pushed.pulled(new BigDecimal("4"), Instant.parse("2026-11-30T08:00:00Z"));

        assertThat(pulled.zoho()).as("Zoho holds 50, the +4 was in the read").isEqualByComparingTo("50");
        assertThat(pulled.platformLevel()).as("the platform still hears of it").isEqualByComparingTo("54");
        assertThat(pulled.toPush())
                .as("Zoho's +4 kept: pushed again over the platform's 50")
                .isEqualByComparingTo("4");
    }

    @Test
    void a_zoho_change_in_the_read_moves_no_platform_level_counted_from_that_read() {
        // the platform sent only deltas (-3): its level is counted from the read, which has the +4 already
        StockLevel read = StockLevel.unknown(KEY).changed(delta("a", "-3")).zohoRead(new BigDecimal("24"), READ);
        assertThat(read.platformLevel()).isEqualByComparingTo("21");

        StockLevel pulled = read.pulled(new BigDecimal("4"), Instant.parse("2026-11-30T08:00:01Z"));

        assertThat(pulled.zoho()).isEqualByComparingTo("24");
        assertThat(pulled.platformLevel()).isEqualByComparingTo("21");
        assertThat(pulled.toPush()).isEqualByComparingTo("-3");
        // a level the platform sets later is not counted from the read: a change in the read moves it
        StockLevel set = read.changed(level("b", "30"));
        assertThat(set.pulled(new BigDecimal("4"), Instant.parse("2026-11-30T08:00:01Z"))
                        .platformLevel())
                .isEqualByComparingTo("34");
    }

    @Test
    void a_zoho_change_made_in_the_reads_second_or_after_or_at_an_unknown_time_moves_both_sides() {
        StockLevel read = StockLevel.unknown(KEY).changed(level("a", "24")).zohoRead(new BigDecimal("24"), READ);
        for (Instant at : new Instant[] {Instant.parse("2026-11-30T08:00:02Z"), READ.plusSeconds(5), null}) {
            StockLevel pulled = read.pulled(new BigDecimal("4"), at);
            assertThat(pulled.zoho()).isEqualByComparingTo("28");
            assertThat(pulled.platformLevel()).isEqualByComparingTo("28");
            assertThat(pulled.toPush()).isZero();
        }
    }

    @Test
    void an_intent_is_settled_only_once_older_than_a_request_can_take() {
        StockLevel noted = StockLevel.at(KEY, BigDecimal.TEN).intending(BigDecimal.ONE, READ);
        assertThat(noted.intentSettled(READ.plusSeconds(59), Duration.ofSeconds(60)))
                .isFalse();
        assertThat(noted.intentSettled(READ.plusSeconds(60), Duration.ofSeconds(60)))
                .isTrue();
        assertThat(noted.withoutIntent().intentAt()).isNull();
    }

    @Test
    void a_sku_with_an_at_sign_is_refused_naming_the_sku() {
        assertThatThrownBy(() -> new StockChange("a", "A@B", null, BigDecimal.ONE, null, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidInput.FieldError::field)
                                .containsExactly("sku"));
    }
}
