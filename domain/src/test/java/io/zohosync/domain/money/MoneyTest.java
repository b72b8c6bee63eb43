package io.zohosync.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    static final Currency INR = Currency.getInstance("INR");

    @Test
    void amounts_round_half_up_to_the_currencys_minor_unit() {
        assertThat(Money.of("10.005", "INR").rounded().amount()).isEqualByComparingTo("10.01");
        assertThat(Money.of("10.004", "INR").rounded().amount()).isEqualTo(new BigDecimal("10.00"));
        assertThat(Money.of("-10.005", "INR").rounded().amount()).isEqualTo(new BigDecimal("-10.01"));
        assertThat(Money.of("99.5", "JPY").rounded().amount()).isEqualTo(new BigDecimal("100"));
    }

    @Test
    void arithmetic_keeps_full_precision() {
        Money a = Money.of("10.10", "INR");
        assertThat(a.plus(Money.of("0.005", "INR")).amount()).isEqualTo(new BigDecimal("10.105"));
        assertThat(a.minus(Money.of("0.10", "INR")).amount()).isEqualTo(new BigDecimal("10.00"));
        assertThat(a.times(new BigDecimal("3")).amount()).isEqualTo(new BigDecimal("30.30"));
    }

    @Test
    void equality_by_value_ignores_scale_but_not_currency() {
        assertThat(Money.of("10.5", "INR").isEqualTo(Money.of("10.50", "INR"))).isTrue();
        assertThat(Money.of("10.5", "INR").isEqualTo(Money.of("10.51", "INR"))).isFalse();
        assertThat(Money.of("2", "INR").compareTo(Money.of("1", "INR"))).isPositive();
        assertThatThrownBy(() -> Money.of("1", "INR").plus(Money.of("1", "ZAR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot mix INR and ZAR");
    }

    @Test
    void the_sign_is_reported() {
        assertThat(Money.of("0.01", "INR").isPositive()).isTrue();
        assertThat(Money.zero(INR).isPositive()).isFalse();
        assertThat(Money.zero(INR).isNegative()).isFalse();
        assertThat(Money.of("-0.01", "INR").isNegative()).isTrue();
    }

    @Test
    void money_reads_as_code_and_plain_amount() {
        assertThat(Money.of("1E+3", "ZAR")).hasToString("ZAR 1000");
    }

    @Test
    void money_needs_an_amount_and_a_currency() {
        assertThatThrownBy(() -> new Money(null, INR)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_percent_discount_is_rounded_and_an_amount_discount_never_exceeds_the_line() {
        assertThat(new Discount.Percent(new BigDecimal("12.5")).on(new BigDecimal("99.99"), INR))
                .isEqualTo(new BigDecimal("12.50"));
        assertThat(new Discount.Amount(new BigDecimal("5.555")).on(new BigDecimal("100"), INR))
                .isEqualTo(new BigDecimal("5.56"));
        assertThat(new Discount.Amount(new BigDecimal("150")).on(new BigDecimal("100.00"), INR))
                .isEqualByComparingTo("100");
        assertThat(new Discount.Amount(new BigDecimal("5")).on(new BigDecimal("-100.00"), INR))
                .isEqualByComparingTo("-5");
        assertThat(Discount.NONE.on(new BigDecimal("10"), INR)).isEqualByComparingTo("0");
    }

    @Test
    void discounts_reject_nonsense() {
        assertThatThrownBy(() -> new Discount.Percent(new BigDecimal("100.01"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Discount.Percent(new BigDecimal("-1"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Discount.Percent(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Discount.Amount(new BigDecimal("-0.01"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Discount.Amount(null)).isInstanceOf(InvalidInput.class);
        assertThat(new Discount.Percent(new BigDecimal("100")).percent()).isEqualByComparingTo("100");
        assertThat(new Discount.Percent(BigDecimal.ZERO).percent()).isZero();
    }

    @Test
    void an_amount_is_allocated_in_proportion_and_the_shares_add_up_to_it_exactly() {
        Money hundred = Money.of("100.00", "ZAR");
        assertThat(hundred.allocate(List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .as("the cent left over goes to the first of equal remainders")
                .extracting(Money::amount)
                .containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
        assertThat(hundred.allocate(List.of(new BigDecimal("115"), BigDecimal.ZERO, new BigDecimal("230"))))
                .extracting(Money::amount)
                .containsExactly(new BigDecimal("33.33"), new BigDecimal("0.00"), new BigDecimal("66.67"));
        assertThat(Money.of("1000", "JPY").allocate(List.of(BigDecimal.ONE, new BigDecimal("2"))))
                .extracting(Money::amount)
                .containsExactly(new BigDecimal("333"), new BigDecimal("667"));
    }

    @Test
    void an_allocation_refuses_a_negative_amount_and_weights_that_are_negative_or_all_zero() {
        assertThatThrownBy(() -> Money.of("-1.00", "ZAR").allocate(List.of(BigDecimal.ONE)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.of("1.00", "ZAR").allocate(List.of(BigDecimal.ONE.negate(), BigDecimal.TEN)))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Money.of("1.00", "ZAR").allocate(List.of(BigDecimal.ZERO)))
                .isInstanceOf(InvalidInput.class);
    }
}
