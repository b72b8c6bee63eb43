package io.zohosync.domain.prereq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentMethod;
import io.zohosync.domain.quote.Quote;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Subscription;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

    static final LocalDate D = LocalDate.of(2026, 6, 1);
    static final Currency ZAR = Currency.getInstance("ZAR");
    static final EntityRef CUSTOMER = new EntityRef(EntityType.CUSTOMER, "cus-1");

    static LineItem line(String sku) {
        return new LineItem(sku, "L", null, BigDecimal.ONE, BigDecimal.ONE, null, null);
    }

    @Test
    void a_payment_needs_its_customer_and_its_invoice() {
        Payment p = new Payment("pi_1", PaymentMethod.STRIPE, "cus-1", "ord-1", Money.of("1", "ZAR"), D);
        assertThat(Prerequisites.of(p)).containsExactly(CUSTOMER, new EntityRef(EntityType.INVOICE, "ord-1"));
    }

    @Test
    void a_standalone_payment_needs_only_its_customer() {
        Payment p = new Payment("pi_2", PaymentMethod.CASH, "cus-1", null, Money.of("1", "ZAR"), D);
        assertThat(Prerequisites.of(p)).containsExactly(CUSTOMER);
    }

    @Test
    void an_invoice_needs_its_customer_and_each_item_once() {
        Invoice invoice = new Invoice(
                "o", "o", "cus-1", D, null, ZAR, List.of(line("A"), line(null), line("B"), line("A")), null, null);
        assertThat(Prerequisites.of(invoice))
                .containsExactly(CUSTOMER, new EntityRef(EntityType.ITEM, "A"), new EntityRef(EntityType.ITEM, "B"));
    }

    @Test
    void an_estimate_needs_its_customer_and_items() {
        Quote quote = new Quote("q", "cus-1", D, null, ZAR, List.of(line("A")), null, null);
        assertThat(Prerequisites.of(quote)).containsExactly(CUSTOMER, new EntityRef(EntityType.ITEM, "A"));
    }

    @Test
    void a_subscription_needs_its_customer_its_plan_and_its_addons() {
        Subscription s =
                new Subscription("s", "cus-1", "FIBRE", 1, List.of(new Addon("IP", 1), new Addon("IP", 2)), null, null);
        assertThat(Prerequisites.of(s))
                .containsExactly(
                        CUSTOMER, new EntityRef(EntityType.PLAN, "FIBRE"), new EntityRef(EntityType.ADDON, "IP"));
    }

    @Test
    void missing_lists_what_zoho_does_not_have_yet_in_order() {
        EntityRef invoice = new EntityRef(EntityType.INVOICE, "ord-1");
        List<EntityRef> needed = List.of(CUSTOMER, invoice);
        assertThat(Prerequisites.missing(needed, Set.of(CUSTOMER)::contains)).containsExactly(invoice);
        assertThat(Prerequisites.missing(needed, ref -> true)).isEmpty();
        assertThat(Prerequisites.missing(needed, ref -> false)).containsExactly(CUSTOMER, invoice);
    }

    @Test
    void a_reference_reads_as_type_and_id_and_needs_both() {
        assertThat(new EntityRef(EntityType.SUBSCRIPTION, "u-1")).hasToString("subscription u-1");
        assertThatThrownBy(() -> new EntityRef(null, "x")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new EntityRef(EntityType.ITEM, " ")).isInstanceOf(InvalidInput.class);
    }
}
