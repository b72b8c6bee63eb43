package io.zohosync.ports.flows.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockChange;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.ports.out.StockLevels;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoStock;
import io.zohosync.ports.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The push's bookkeeping against a Zoho that can lose answers: every adjustment has its intent, found before another. */
class StockInventoryHandlerTest {

    private static final StockKey KEY = new StockKey("SKU-1", null);

    /** Zoho's stock of one item, whose adjustment answers can be lost after the adjustment is made. */
    private static final class Zoho implements ZohoStock {
        BigDecimal level = new BigDecimal("20");
        final Map<String, BigDecimal> adjustments = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final Map<String, BigDecimal> warehouses = new HashMap<>();
        int answersToLose;
        /** Adjustments made but not yet listed by the reference search (Zoho still processing them). */
        int unlisted;

        boolean refuse;

        @Override
        public Future<ZohoOutcome<String>> adjust(
                String itemId, String warehouse, BigDecimal quantity, String reference, String reason, LocalDate d) {
            calls.add("adjust " + quantity.toPlainString());
            if (refuse) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>("14", "stock below zero"));
            }
            level = level.add(quantity);
            adjustments.put(reference, quantity);
            if (answersToLose-- > 0) {
                return Future.succeededFuture(new ZohoOutcome.Outage<>("connection reset"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>("adj-" + adjustments.size()));
        }

        @Override
        public Future<ZohoOutcome<List<String>>> findAdjustments(String reference) {
            calls.add("find");
            boolean listed = adjustments.containsKey(reference) && unlisted-- <= 0;
            return Future.succeededFuture(new ZohoOutcome.Success<>(listed ? List.of("adj") : List.of()));
        }

        @Override
        public Future<ZohoOutcome<Page>> modifiedSince(Instant since, int page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<ZohoOutcome<BigDecimal>> level(String itemId) {
            calls.add("level");
            return Future.succeededFuture(new ZohoOutcome.Success<>(level));
        }

        @Override
        public Future<ZohoOutcome<BigDecimal>> level(String itemId, String warehouse) {
            if (warehouse == null) {
                return level(itemId);
            }
            calls.add("level " + warehouse);
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(warehouses.getOrDefault(warehouse, BigDecimal.ZERO)));
        }

        @Override
        public Future<ZohoOutcome<Adjustment>> adjustment(String id) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Levels implements StockLevels {
        StockLevel level = StockLevel.unknown(KEY);

        @Override
        public Future<Optional<StockLevel>> find(StockKey key) {
            return Future.succeededFuture(Optional.of(level));
        }

        @Override
        public Future<StockLevel> update(StockKey key, UnaryOperator<StockLevel> change) {
            level = change.apply(level);
            return Future.succeededFuture(level);
        }

        @Override
        public Future<Boolean> tracking() {
            return Future.succeededFuture(true);
        }

        @Override
        public Future<Optional<Instant>> cursor(String name) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Void> saveCursor(String name, Instant at) {
            return Future.succeededFuture();
        }
    }

    private final Zoho zoho = new Zoho();
    private final Levels levels = new Levels();
    private final StockInventoryHandler handler =
            new StockInventoryHandler(zoho, levels, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private void platform(String id, String delta) {
        levels.level = levels.level.changed(new StockChange(id, "SKU-1", null, new BigDecimal(delta), null, null));
    }

    private ZohoOutcome<String> push() {
        return handler.push(KEY, "item-1").result();
    }

    @Test
    void deltas_are_counted_from_zohos_level_and_pushed_as_one_adjustment() {
        platform("a", "-3");
        platform("b", "-2");

        assertThat(push()).isEqualTo(new ZohoOutcome.Success<>("item-1"));

        assertThat(zoho.calls).containsExactly("level", "adjust -5");
        assertThat(zoho.level).isEqualByComparingTo("15");
        assertThat(levels.level.toPush()).isZero();
        assertThat(push()).isEqualTo(new ZohoOutcome.Success<>("item-1"));
        assertThat(zoho.calls).as("nothing left to push: no call").hasSize(2);
    }

    @Test
    void an_adjustment_whose_answer_was_lost_is_found_by_its_reference_before_anything_else() {
        platform("a", "-3");
        zoho.answersToLose = 1;

        assertThat(push()).isInstanceOf(ZohoOutcome.Outage.class);
        assertThat(levels.level.hasIntent()).isTrue();
        platform("b", "-1"); // arrives before the retry

        assertThat(push()).isEqualTo(new ZohoOutcome.Success<>("item-1"));

        assertThat(zoho.calls).containsExactly("level", "adjust -3", "find", "adjust -1");
        assertThat(zoho.adjustments).hasSize(2);
        assertThat(zoho.level).isEqualByComparingTo("16");
        assertThat(levels.level.zoho()).isEqualByComparingTo("16");
        assertThat(levels.level.hasIntent()).isFalse();
    }

    @Test
    void a_refused_adjustment_leaves_no_intent_and_is_not_searched_for() {
        platform("a", "-30");
        zoho.refuse = true;

        assertThat(push()).isInstanceOf(ZohoOutcome.Validation.class);
        assertThat(levels.level.hasIntent()).isFalse();
        zoho.refuse = false;
        platform("b", "+15");

        assertThat(push()).isEqualTo(new ZohoOutcome.Success<>("item-1"));
        assertThat(zoho.calls).containsExactly("level", "adjust -30", "adjust -15");
        assertThat(zoho.level).isEqualByComparingTo("5");
    }

    @Test
    void a_change_pulled_from_zoho_while_a_push_is_unsure_leaves_nothing_to_bounce_back() {
        platform("a", "-3");
        zoho.answersToLose = 1;
        push();
        // a UI change in Zoho, pulled: both sides move by it
        zoho.level = zoho.level.add(new BigDecimal("10"));
        levels.level = levels.level.pulled(new BigDecimal("10"));

        push();

        assertThat(zoho.calls).containsExactly("level", "adjust -3", "find");
        assertThat(levels.level.zoho()).isEqualByComparingTo(zoho.level);
        assertThat(levels.level.platformLevel()).isEqualByComparingTo("27");
    }

    @Test
    void an_adjustment_not_listed_yet_is_not_made_again_while_its_intent_is_young() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
        StockInventoryHandler slow = new StockInventoryHandler(zoho, levels, clock, Duration.ofSeconds(60));
        platform("a", "-3");
        zoho.answersToLose = 1; // the POST times out while Zoho still makes it
        zoho.unlisted = 1; // and the retry's search does not list it yet
        assertThat(slow.push(KEY, "item-1").result()).isInstanceOf(ZohoOutcome.Outage.class);
        clock.advance(Duration.ofSeconds(5));

        ZohoOutcome<String> retry = slow.push(KEY, "item-1").result();

        assertThat(retry)
                .as("put off without an attempt used, until the intent is old enough")
                .isInstanceOfSatisfying(
                        ZohoOutcome.RateLimited.class,
                        r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(55)));
        assertThat(levels.level.hasIntent()).isTrue();
        clock.advance(Duration.ofSeconds(55));

        assertThat(slow.push(KEY, "item-1").result()).isEqualTo(new ZohoOutcome.Success<>("item-1"));

        assertThat(zoho.calls).containsExactly("level", "adjust -3", "find", "find");
        assertThat(zoho.adjustments).as("one adjustment, not two").hasSize(1);
        assertThat(levels.level.zoho()).isEqualByComparingTo(zoho.level).isEqualByComparingTo("17");
    }

    @Test
    void an_intent_not_found_once_old_enough_is_dropped_and_pushed_again() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
        StockInventoryHandler slow = new StockInventoryHandler(zoho, levels, clock, Duration.ofSeconds(60));
        platform("a", "-3");
        levels.level =
                levels.level.zohoRead(zoho.level, clock.instant()).intending(new BigDecimal("-3"), clock.instant());
        clock.advance(Duration.ofSeconds(61));

        assertThat(slow.push(KEY, "item-1").result()).isEqualTo(new ZohoOutcome.Success<>("item-1"));

        assertThat(zoho.calls).containsExactly("find", "adjust -3");
        assertThat(levels.level.zoho()).isEqualByComparingTo("17");
    }

    @Test
    void a_warehouses_record_reads_the_warehouses_own_stock() {
        StockKey key = new StockKey("SKU-1", "wh-2");
        zoho.warehouses.put("wh-2", new BigDecimal("6"));
        levels.level = StockLevel.unknown(key)
                .changed(new StockChange("a", "SKU-1", "wh-2", new BigDecimal("-2"), null, null));

        assertThat(handler.push(key, "item-1@wh-2").result()).isEqualTo(new ZohoOutcome.Success<>("item-1@wh-2"));

        assertThat(zoho.calls).containsExactly("level wh-2", "adjust -2");
        assertThat(levels.level.zoho())
                .as("the warehouse's 6, not the item's 20")
                .isEqualByComparingTo("4");
    }
}
