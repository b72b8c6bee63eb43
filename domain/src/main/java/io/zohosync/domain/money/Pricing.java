package io.zohosync.domain.money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Domain rule: line totals, discounts and tax the way Zoho Books rounds them (README "Money and GST"):
 * each line is rounded to the minor unit, then each tax is computed once per tax rate on the sum of
 * its lines and rounded half-up. Exclusive: {@code tax = sum × p / 100}. Inclusive (Books' formula,
 * "price inclusive of tax × tax rate ÷ (100 + tax rate)", each tax of a group at its own share):
 * {@code tax = sum × p / (100 + rate)}, and the taxable part is the sum less its taxes, so the gross
 * the customer saw is the total.
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
            BigDecimal sum = group.getValue();
            BigDecimal base = basis == PriceBasis.INCLUSIVE ? HUNDRED.add(percent(components)) : HUNDRED;
            List<BigDecimal> amountsOfTaxes = components.stream()
                    .map(tax -> Money.divide(sum.multiply(tax.percent()), base, currency))
                    .toList();
            BigDecimal taxable = basis == PriceBasis.INCLUSIVE
                    ? sum.subtract(amountsOfTaxes.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    : sum;
            subTotal = subTotal.add(taxable);
            for (int i = 0; i < components.size(); i++) {
                taxes.add(new TaxAmount(
                        components.get(i), new Money(taxable, currency), new Money(amountsOfTaxes.get(i), currency)));
            }
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

    private static BigDecimal percent(List<TaxComponent> components) {
        return components.stream().map(TaxComponent::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
