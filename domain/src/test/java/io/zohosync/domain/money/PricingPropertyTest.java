package io.zohosync.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PricingPropertyTest {

    static final Currency INR = Currency.getInstance("INR");

    @Provide
    Arbitrary<PricedLine> lines() {
        Arbitrary<BigDecimal> qty = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("1000"))
                .ofScale(2);
        Arbitrary<BigDecimal> rate = Arbitraries.bigDecimals()
                .between(new BigDecimal("-500"), new BigDecimal("100000"))
                .ofScale(3);
        Arbitrary<Discount> discount = Arbitraries.oneOf(
                Arbitraries.just(Discount.NONE),
                Arbitraries.bigDecimals()
                        .between(BigDecimal.ZERO, new BigDecimal("100"))
                        .ofScale(2)
                        .map(Discount.Percent::new),
                Arbitraries.bigDecimals()
                        .between(BigDecimal.ZERO, new BigDecimal("1000"))
                        .ofScale(2)
                        .map(Discount.Amount::new));
        Arbitrary<BigDecimal> tax =
                Arbitraries.of("0", "0.25", "3", "5", "12", "18", "28").map(BigDecimal::new);
        return Combinators.combine(qty, rate, discount, tax).as(PricingTest.Line::new);
    }

    @Provide
    Arbitrary<TaxScheme> schemes() {
        return Arbitraries.of(
                TaxScheme.NONE,
                new TaxScheme.Single("VAT"),
                new TaxScheme.Gst(new GstSupply("TN", "TN")),
                new TaxScheme.Gst(new GstSupply("TN", "KA")));
    }

    @Property
    void an_invoice_total_equals_its_lines_plus_tax(
            @ForAll @Size(max = 12) List<@From("lines") PricedLine> lines,
            @ForAll("schemes") TaxScheme scheme,
            @ForAll PriceBasis basis) {
        Totals totals = Pricing.totals(lines, INR, basis, scheme);
        BigDecimal lineSum = totals.lineAmounts().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal taxSum =
                totals.taxes().stream().map(t -> t.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(totals.total().amount())
                .isEqualByComparingTo(totals.subTotal().amount().add(taxSum));
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo(taxSum);
        BigDecimal expected = basis == PriceBasis.INCLUSIVE ? lineSum : lineSum.add(taxSum);
        assertThat(totals.total().amount()).isEqualByComparingTo(expected);
        assertThat(totals.total().amount().scale()).isLessThanOrEqualTo(2);
    }

    @Property
    void intra_and_inter_state_gst_differ_by_at_most_one_paisa_per_rate(
            @ForAll @Size(max = 12) List<@From("lines") PricedLine> lines) {
        BigDecimal intra = Pricing.totals(
                        lines, INR, PriceBasis.EXCLUSIVE, new TaxScheme.Gst(new GstSupply("TN", "TN")))
                .taxTotal()
                .amount();
        BigDecimal inter = Pricing.totals(
                        lines, INR, PriceBasis.EXCLUSIVE, new TaxScheme.Gst(new GstSupply("TN", "KA")))
                .taxTotal()
                .amount();
        long rates = lines.stream()
                .map(l -> l.taxPercent().stripTrailingZeros())
                .distinct()
                .count();
        assertThat(intra.subtract(inter).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(rates)));
    }
}
