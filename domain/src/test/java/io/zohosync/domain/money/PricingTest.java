package io.zohosync.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTest {

    static final Currency INR = Currency.getInstance("INR");
    static final TaxScheme TAMIL_NADU = new TaxScheme.Gst(new GstSupply("TN", "TN"));
    static final TaxScheme TO_KARNATAKA = new TaxScheme.Gst(new GstSupply("TN", "KA"));

    record Line(BigDecimal quantity, BigDecimal rate, Discount discount, BigDecimal taxPercent) implements PricedLine {
        static Line of(String qty, String rate, String tax) {
            return new Line(new BigDecimal(qty), new BigDecimal(rate), Discount.NONE, new BigDecimal(tax));
        }
    }

    static BigDecimal amount(Money m) {
        return m.amount();
    }

    @Test
    void exclusive_lines_are_rounded_then_taxed_once_per_rate_and_component() {
        List<Line> lines = List.of(
                new Line(
                        new BigDecimal("3"),
                        new BigDecimal("33.33"),
                        new Discount.Percent(BigDecimal.TEN),
                        new BigDecimal("18")),
                Line.of("1", "10.005", "18"),
                Line.of("2", "50", "5"));
        Totals totals = Pricing.totals(lines, INR, PriceBasis.EXCLUSIVE, TAMIL_NADU);
        assertThat(totals.lineAmounts())
                .extracting(PricingTest::amount)
                .containsExactly(new BigDecimal("89.99"), new BigDecimal("10.01"), new BigDecimal("100.00"));
        assertThat(totals.discountTotal().amount()).isEqualByComparingTo("10.00");
        assertThat(totals.subTotal().amount()).isEqualByComparingTo("200.00");
        assertThat(totals.taxes())
                .extracting(t -> t.tax().name() + " " + t.tax().percent().toPlainString() + " on "
                        + t.taxable().amount().toPlainString() + " = "
                        + t.amount().amount().toPlainString())
                .containsExactly(
                        "CGST 2.5 on 100.00 = 2.50",
                        "SGST 2.5 on 100.00 = 2.50",
                        "CGST 9 on 100.00 = 9.00",
                        "SGST 9 on 100.00 = 9.00");
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("23.00");
        assertThat(totals.total().amount()).isEqualByComparingTo("223.00");
        assertThat(totals.total().currency()).isEqualTo(INR);
    }

    @Test
    void cgst_and_sgst_are_rounded_each_so_they_can_differ_from_igst_by_a_paisa() {
        List<Line> lines = List.of(Line.of("1", "100.05", "18"));
        assertThat(Pricing.totals(lines, INR, PriceBasis.EXCLUSIVE, TAMIL_NADU)
                        .taxTotal()
                        .amount())
                .isEqualByComparingTo("18.00");
        assertThat(Pricing.totals(lines, INR, PriceBasis.EXCLUSIVE, TO_KARNATAKA)
                        .taxTotal()
                        .amount())
                .isEqualByComparingTo("18.01");
    }

    @Test
    void tax_on_the_sum_of_a_rate_differs_from_the_sum_of_per_line_taxes() {
        List<Line> lines = List.of(Line.of("1", "0.05", "18"), Line.of("1", "0.05", "18"), Line.of("1", "0.05", "18"));
        Totals totals = Pricing.totals(lines, INR, PriceBasis.EXCLUSIVE, TO_KARNATAKA);
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("0.03");
    }

    @Test
    void inclusive_prices_back_each_tax_out_of_the_gross_and_keep_the_gross() {
        // Books: tax = 100 × 9 / (100 + 18) = 7.627 → 7.63 for CGST and for SGST; taxable = 100 − 15.26
        Totals totals = Pricing.totals(List.of(Line.of("1", "100", "18")), INR, PriceBasis.INCLUSIVE, TAMIL_NADU);
        assertThat(totals.subTotal().amount()).isEqualByComparingTo("84.74");
        assertThat(totals.taxes())
                .extracting(t -> t.tax().name() + " " + t.amount().amount().toPlainString() + " on "
                        + t.taxable().amount().toPlainString())
                .containsExactly("CGST 7.63 on 84.74", "SGST 7.63 on 84.74");
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("15.26");
        assertThat(totals.total().amount()).isEqualByComparingTo("100.00");
    }

    @Test
    void inclusive_tax_is_backed_out_of_the_sum_of_a_rate_not_per_line() {
        // each 0.10 line at 5 % holds 0.10 × 5 / 105 = 0.0048 → 0.00; the three together 0.30 hold 0.0143 → 0.01
        Totals totals = Pricing.totals(
                List.of(Line.of("1", "0.10", "5"), Line.of("1", "0.10", "5"), Line.of("1", "0.10", "5")),
                INR,
                PriceBasis.INCLUSIVE,
                TO_KARNATAKA);
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("0.01");
        assertThat(totals.subTotal().amount()).isEqualByComparingTo("0.29");
        assertThat(totals.total().amount()).isEqualByComparingTo("0.30");
    }

    @Test
    void an_inclusive_half_paisa_rounds_up() {
        // 0.59 × 9 / 118 = 0.045 exactly: half-up makes each of CGST and SGST 0.05, the taxable part 0.49
        Totals totals = Pricing.totals(List.of(Line.of("1", "0.59", "18")), INR, PriceBasis.INCLUSIVE, TAMIL_NADU);
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("0.10");
        assertThat(totals.subTotal().amount()).isEqualByComparingTo("0.49");
    }

    @Test
    void inclusive_igst_is_the_gross_less_the_taxable_part() {
        Totals totals = Pricing.totals(List.of(Line.of("2", "59", "18")), INR, PriceBasis.INCLUSIVE, TO_KARNATAKA);
        assertThat(totals.subTotal().amount()).isEqualByComparingTo("100.00");
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("18.00");
        assertThat(totals.total().amount()).isEqualByComparingTo("118.00");
    }

    @Test
    void inclusive_untaxed_lines_are_all_taxable() {
        Totals totals = Pricing.totals(List.of(Line.of("1", "42.42", "18")), INR, PriceBasis.INCLUSIVE, TaxScheme.NONE);
        assertThat(totals.subTotal().amount()).isEqualByComparingTo("42.42");
        assertThat(totals.taxes()).isEmpty();
        assertThat(totals.total().amount()).isEqualByComparingTo("42.42");
    }

    @Test
    void a_single_named_tax_applies_per_rate() {
        Totals totals = Pricing.totals(
                List.of(Line.of("1", "100", "15"), Line.of("1", "10", "0")),
                Currency.getInstance("ZAR"),
                PriceBasis.EXCLUSIVE,
                new TaxScheme.Single("VAT"));
        assertThat(totals.taxes()).hasSize(1);
        assertThat(totals.taxTotal().amount()).isEqualByComparingTo("15.00");
        assertThat(totals.total().amount()).isEqualByComparingTo("125.00");
    }

    @Test
    void no_lines_total_zero() {
        Totals totals = Pricing.totals(List.of(), INR, PriceBasis.EXCLUSIVE, TAMIL_NADU);
        assertThat(totals.total().amount()).isZero();
        assertThat(totals.lineAmounts()).isEmpty();
    }
}
