package io.zohosync.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.money.Money;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PaymentTest {

    static final LocalDate D = LocalDate.of(2026, 3, 2);

    @Test
    void a_payment_is_referenced_by_the_providers_id_and_applied_to_its_invoice() {
        Payment p = new Payment("pi_3Nx", PaymentMethod.STRIPE, "cus-1", "ord-7", Money.of("230", "ZAR"), D);
        assertThat(p.referenceNumber()).isEqualTo("pi_3Nx");
        assertThat(p.appliedTo()).contains("ord-7");
        assertThat(p.zohoMode(PaymentModeMapping.DEFAULT)).isEqualTo(ZohoPaymentMode.CREDIT_CARD);
    }

    @Test
    void a_payment_without_an_invoice_is_standalone() {
        assertThat(new Payment("n-1", PaymentMethod.NETCASH, "cus-1", " ", Money.of("1", "ZAR"), D).appliedTo())
                .isEmpty();
        assertThat(new Payment("n-2", PaymentMethod.NETCASH, "cus-1", null, Money.of("1", "ZAR"), D).appliedTo())
                .isEmpty();
    }

    @Test
    void providers_map_to_zoho_payment_modes() {
        PaymentModeMapping m = PaymentModeMapping.DEFAULT;
        assertThat(m.modeFor(PaymentMethod.STRIPE)).isEqualTo(ZohoPaymentMode.CREDIT_CARD);
        assertThat(m.modeFor(PaymentMethod.CARD)).isEqualTo(ZohoPaymentMode.CREDIT_CARD);
        assertThat(m.modeFor(PaymentMethod.NETCASH)).isEqualTo(ZohoPaymentMode.BANK_TRANSFER);
        assertThat(m.modeFor(PaymentMethod.EFT)).isEqualTo(ZohoPaymentMode.BANK_TRANSFER);
        assertThat(m.modeFor(PaymentMethod.CASH)).isEqualTo(ZohoPaymentMode.CASH);
        assertThat(ZohoPaymentMode.CREDIT_CARD.zohoName()).isEqualTo("creditcard");
        assertThat(ZohoPaymentMode.BANK_TRANSFER.zohoName()).isEqualTo("banktransfer");
    }

    @Test
    void a_deployment_can_remap_a_provider_and_unmapped_ones_are_others() {
        PaymentModeMapping m = PaymentModeMapping.DEFAULT.with(PaymentMethod.NETCASH, ZohoPaymentMode.AUTO_TRANSACTION);
        assertThat(m.modeFor(PaymentMethod.NETCASH)).isEqualTo(ZohoPaymentMode.AUTO_TRANSACTION);
        assertThat(m.modeFor(PaymentMethod.EFT)).isEqualTo(ZohoPaymentMode.BANK_TRANSFER);
        assertThat(new PaymentModeMapping(java.util.Map.of()).modeFor(PaymentMethod.CASH))
                .isEqualTo(ZohoPaymentMode.OTHERS);
    }

    @Test
    void a_payment_needs_a_reference_a_method_a_customer_a_positive_amount_and_a_date() {
        Money one = Money.of("1", "ZAR");
        assertThatThrownBy(() -> new Payment("", PaymentMethod.EFT, "c", null, one, D))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Payment("x".repeat(101), PaymentMethod.EFT, "c", null, one, D))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Payment("r", null, "c", null, one, D)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Payment("r", PaymentMethod.EFT, "", null, one, D))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Payment("r", PaymentMethod.EFT, "c", null, Money.of("0", "ZAR"), D))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Payment("r", PaymentMethod.EFT, "c", null, null, D))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Payment("r", PaymentMethod.EFT, "c", null, one, null))
                .isInstanceOf(InvalidInput.class);
    }
}
