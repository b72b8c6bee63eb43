package io.zohosync.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.money.Money;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RefundTest {

    static final LocalDate D = LocalDate.of(2026, 3, 5);

    @Test
    void a_refund_is_referenced_by_the_providers_refund_id_and_a_blank_reason_is_none() {
        Refund refund = new Refund("re_3Nx", "pi_3Nx", Money.of("120.50", "ZAR"), D, "  ");

        assertThat(refund.referenceNumber()).isEqualTo("re_3Nx");
        assertThat(refund.reason()).isNull();
    }

    @Test
    void a_refund_needs_its_payment_a_positive_amount_a_date_and_bounded_texts() {
        InvalidInput refused = catchThrowableOfType(
                InvalidInput.class,
                () -> new Refund("r".repeat(101), " ", Money.of("0", "ZAR"), null, "x".repeat(501)));

        assertThat(refused.errors())
                .extracting(InvalidInput.FieldError::field)
                .containsExactlyInAnyOrder("provider_refund_id", "payment_id", "amount", "date", "reason");
    }
}
