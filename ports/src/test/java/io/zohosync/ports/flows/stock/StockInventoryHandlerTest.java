package io.zohosync.ports.flows.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockChange;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.ports.out.StockLevels;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoStock;
import java.math.BigDecimal;
import java.time.Clock;
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
        int answersToLose;
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
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(adjustments.containsKey(reference) ? List.of("adj") : List.of()));
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
}
