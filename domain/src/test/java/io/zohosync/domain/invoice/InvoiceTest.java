package io.zohosync.domain.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.GstSupply;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceTest {

    static final Currency ZAR = Currency.getInstance("ZAR");
    static final LocalDate D = LocalDate.of(2026, 3, 1);

    static LineItem line(String sku, String rate) {
        return new LineItem(sku, "Class " + sku, null, BigDecimal.ONE, new BigDecimal(rate), null, null);
    }

    @Test
    void an_order_becomes_an_invoice_numbered_and_referenced_by_its_platform_id() {
        Order order = new Order(
                "ord-7",
                "cus-1",
                D,
                D.plusDays(7),
                ZAR,
                List.of(line("YOGA", "100"), line("YOGA", "50"), line("PIL", "80")),
                null,
                null);
        Invoice invoice = order.toInvoice();
        assertThat(invoice.number()).contains("ord-7");
        assertThat(invoice.referenceNumber()).isEqualTo("ord-7");
        assertThat(invoice.customerId()).isEqualTo("cus-1");
        assertThat(invoice.dueDate()).isEqualTo(D.plusDays(7));
        assertThat(invoice.itemSkus()).containsExactly("YOGA", "PIL");
        assertThat(invoice.priceBasis()).isEqualTo(PriceBasis.EXCLUSIVE);
        assertThat(invoice.taxScheme()).isEqualTo(TaxScheme.NONE);
        assertThat(invoice.totals().total().amount()).isEqualByComparingTo("230");
    }

    @Test
    void an_order_without_lines_is_refused_as_an_invoice() {
        Order order = new Order("ord-8", "cus-1", D, null, ZAR, null, null, null);
        assertThat(order.lines()).isEmpty();
        assertThatThrownBy(order::toInvoice).isInstanceOf(InvalidInput.class).hasMessageContaining("line_items");
        assertThatThrownBy(() -> new Order(" ", "c", D, null, ZAR, List.of(), null, null))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void an_invoice_checks_its_parts() {
        List<LineItem> lines = List.of(line("A", "1"));
        assertThatThrownBy(() -> new Invoice(null, " ", "c", D, null, ZAR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice(null, "r", "", D, null, ZAR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice(null, "r", "c", null, null, ZAR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice(null, "r", "c", D, D.minusDays(1), ZAR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice(null, "r", "c", D, null, null, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice(null, "r", "c", D, null, ZAR, List.of(), null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice("x".repeat(101), "r", "c", D, null, ZAR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Invoice(null, "r".repeat(101), "c", D, null, ZAR, lines, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new Invoice(null, "r", "c", D, D, ZAR, lines, null, null).number())
                .isEmpty();
    }

    @Test
    void a_line_defaults_to_no_discount_and_no_tax_and_checks_its_figures() {
        LineItem l = new LineItem(" ", "Fee", null, BigDecimal.ONE, BigDecimal.TEN, null, null);
        assertThat(l.discount()).isEqualTo(Discount.NONE);
        assertThat(l.taxPercent()).isZero();
        assertThat(l.sku()).isEmpty();
        assertThat(LineItem.single("Fee", BigDecimal.ONE).quantity()).isEqualTo(BigDecimal.ONE);
        assertThatThrownBy(() -> new LineItem(null, "", null, BigDecimal.ONE, BigDecimal.TEN, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new LineItem(null, "F", null, BigDecimal.ZERO, BigDecimal.TEN, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new LineItem(null, "F", null, null, BigDecimal.TEN, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new LineItem(null, "F", null, BigDecimal.ONE, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(
                        () -> new LineItem(null, "F", null, BigDecimal.ONE, BigDecimal.TEN, null, new BigDecimal("-1")))
                .isInstanceOf(InvalidInput.class);
        assertThat(new LineItem(null, "F", null, BigDecimal.ONE, BigDecimal.TEN, null, BigDecimal.ZERO).taxPercent())
                .isZero();
    }

    @Test
    void a_manual_invoice_without_lines_gets_one_line_for_its_total_named_for_its_kind() {
        ManualInvoice manual = new ManualInvoice(
                "mi-1", "cus-1", ManualInvoiceKind.INSTALLATION, D, null, Money.of("450.00", "ZAR"), null, null, null);
        Invoice invoice = manual.toInvoice().orElseThrow();
        assertThat(invoice.number()).isEmpty();
        assertThat(invoice.referenceNumber()).isEqualTo("mi-1");
        assertThat(invoice.currency()).isEqualTo(ZAR);
        assertThat(invoice.lines()).containsExactly(LineItem.single("Installation", new BigDecimal("450.00")));
        assertThat(invoice.totals().total().isEqualTo(Money.of("450", "ZAR"))).isTrue();
    }

    @Test
    void a_manual_invoice_with_lines_keeps_them_and_its_tax() {
        TaxScheme gst = new TaxScheme.Gst(new GstSupply("KA", "KA"));
        LineItem router =
                new LineItem("RTR", "Router", null, BigDecimal.ONE, new BigDecimal("1000"), null, new BigDecimal("18"));
        ManualInvoice manual = new ManualInvoice(
                "mi-2",
                "cus-1",
                ManualInvoiceKind.EQUIPMENT,
                D,
                null,
                Money.of("1180", "INR"),
                List.of(router),
                PriceBasis.EXCLUSIVE,
                gst);
        Invoice invoice = manual.toInvoice().orElseThrow();
        assertThat(invoice.lines()).containsExactly(router);
        assertThat(invoice.taxScheme()).isEqualTo(gst);
        assertThat(invoice.totals().total().amount()).isEqualByComparingTo("1180");
    }

    @Test
    void installation_pro_rata_equipment_and_adjustment_are_synced_and_recurring_never() {
        assertThat(ManualInvoiceKind.values())
                .filteredOn(ManualInvoiceKind::synced)
                .containsExactly(
                        ManualInvoiceKind.INSTALLATION,
                        ManualInvoiceKind.PRO_RATA,
                        ManualInvoiceKind.EQUIPMENT,
                        ManualInvoiceKind.ADJUSTMENT);
        ManualInvoice recurring = new ManualInvoice(
                "mi-3", "cus-1", ManualInvoiceKind.RECURRING, D, null, Money.of("99", "ZAR"), List.of(), null, null);
        assertThat(recurring.toInvoice()).isEmpty();
        assertThat(ManualInvoiceKind.PRO_RATA.label()).isEqualTo("Pro-rata charge");
    }

    @Test
    void a_manual_invoice_needs_an_id_a_kind_and_a_total() {
        Money total = Money.of("1", "ZAR");
        assertThatThrownBy(() ->
                        new ManualInvoice("", "c", ManualInvoiceKind.ADJUSTMENT, D, null, total, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new ManualInvoice("m", "c", null, D, null, total, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() ->
                        new ManualInvoice("m", "c", ManualInvoiceKind.ADJUSTMENT, D, null, null, null, null, null))
                .isInstanceOf(InvalidInput.class);
    }
}
