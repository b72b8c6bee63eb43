package io.zohosync.domain.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Domain rule: line totals, discounts and tax the way this service rounds them (README "Money and
 * GST"): each line is rounded to the minor unit, then each tax is computed once per tax rate on the
 * sum of its lines and rounded half-up; with inclusive prices the taxable part is backed out of the
 * rate group's gross and the last component takes the remainder, so the gross never changes.
 */
public final class Pricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pricing() {}

    public static Totals totals(
            List<? extends PricedLine> lines, Currency currency, PriceBasis basis, TaxScheme scheme) {
        List<Money> amounts = new ArrayList<>();
        BigDecimal discounts = BigDecimal.ZERO;
        Map<BigDecimal, BigDecimal> byRate = new TreeMap<>();
        for (PricedLine line : lines) {
            BigDecimal gross = Money.round(line.rate().multiply(line.quantity()), currency);
            BigDecimal off = line.discount().on(gross, currency);
            BigDecimal amount = gross.subtract(off);
            discounts = discounts.add(off);
            amounts.add(new Money(amount, currency));
            byRate.merge(line.taxPercent().stripTrailingZeros(), amount, BigDecimal::add);
        }
        List<TaxAmount> taxes = new ArrayList<>();
        BigDecimal subTotal = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> group : byRate.entrySet()) {
            List<TaxComponent> components = scheme.components(group.getKey());
            BigDecimal taxable =
                    basis == PriceBasis.INCLUSIVE ? backOut(group.getValue(), components, currency) : group.getValue();
            subTotal = subTotal.add(taxable);
            taxes.addAll(taxesOn(taxable, group.getValue(), components, basis, currency));
        }
        BigDecimal taxTotal = taxes.stream().map(t -> t.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Totals(
                amounts,
                new Money(discounts, currency),
                new Money(subTotal, currency),
                taxes,
                new Money(taxTotal, currency),
                new Money(subTotal.add(taxTotal), currency));
    }

    private static BigDecimal backOut(BigDecimal gross, List<TaxComponent> components, Currency currency) {
        BigDecimal percent = components.stream().map(TaxComponent::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal exact = gross.multiply(HUNDRED).divide(HUNDRED.add(percent), MathContext.DECIMAL128);
        return Money.round(exact, currency);
    }

    private static List<TaxAmount> taxesOn(
            BigDecimal taxable, BigDecimal gross, List<TaxComponent> components, PriceBasis basis, Currency currency) {
        List<TaxAmount> taxes = new ArrayList<>();
        BigDecimal left = gross.subtract(taxable);
        for (int i = 0; i < components.size(); i++) {
            TaxComponent tax = components.get(i);
            boolean lastInclusive = basis == PriceBasis.INCLUSIVE && i == components.size() - 1;
            BigDecimal amount = lastInclusive
                    ? left
                    : Money.round(taxable.multiply(tax.percent()).movePointLeft(2), currency);
            left = left.subtract(amount);
            taxes.add(new TaxAmount(tax, new Money(taxable, currency), new Money(amount, currency)));
        }
        return taxes;
    }
}
