package io.zohosync.domain.money;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;

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

    /**
     * This amount, rounded to the minor unit, split in proportion to {@code weights}: each share is its exact part
     * rounded down to the minor unit, and the units left over go one each to the shares with the largest remainders
     * (the earlier first among equals), so the shares add up to the amount exactly and each is within one minor unit
     * of its exact part. The amount must not be negative; the weights must not be negative and must not all be zero.
     */
    public List<Money> allocate(List<BigDecimal> weights) {
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        new Checks()
                .rule(!isNegative(), "amount", "must not be negative to be allocated")
                .rule(weights.stream().allMatch(w -> w.signum() >= 0), "weights", "must not be negative")
                .rule(sum.signum() > 0, "weights", "must not all be zero")
                .throwIfAny();
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal total = round(amount, currency);
        List<BigDecimal> shares = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        for (BigDecimal weight : weights) {
            BigDecimal exact = total.multiply(weight).divide(sum, scale + 12, RoundingMode.DOWN);
            BigDecimal share = exact.setScale(scale, RoundingMode.DOWN);
            shares.add(share);
            remainders.add(exact.subtract(share));
        }
        int left = total.subtract(shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .divide(unit, 0, RoundingMode.UNNECESSARY)
                .intValueExact();
        IntStream.range(0, shares.size())
                .boxed()
                .sorted(Comparator.comparing(remainders::get).reversed())
                .limit(left)
                .forEach(i -> shares.set(i, shares.get(i).add(unit)));
        return shares.stream().map(share -> new Money(share, currency)).toList();
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
