package io.zohosync.domain.money;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Value: an amount in a currency; arithmetic keeps full precision until {@link #rounded()}. */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** Zoho rounds half away from zero to the currency's minor unit (README: "Money and GST"). */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public Money {
        new Checks()
                .rule(amount != null, "amount", "is required")
                .rule(currency != null, "currency", "is required")
                .throwIfAny();
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** A plain amount rounded to the currency's minor unit, the way Zoho rounds. */
    public static BigDecimal round(BigDecimal amount, Currency currency) {
        return amount.setScale(Math.max(currency.getDefaultFractionDigits(), 0), ROUNDING);
    }

    /** {@code dividend / divisor} rounded the way Zoho rounds, from the exact quotient (no intermediate rounding). */
    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor, Currency currency) {
        return dividend.divide(divisor, Math.max(currency.getDefaultFractionDigits(), 0), ROUNDING);
    }

    public Money rounded() {
        return new Money(round(amount, currency), currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(same(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(same(other).amount), currency);
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /** Same currency and numerically equal, whatever the scale (10.5 and 10.50 are equal). */
    public boolean isEqualTo(Money other) {
        return compareTo(other) == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(same(other).amount);
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
        return other;
    }
}
