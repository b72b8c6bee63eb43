package io.zohosync.ports.flows.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.money.Money;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefundMappingTest {

    private final RefundMapping mapping = new RefundMapping();

    @Test
    void a_refund_reads_into_the_domain_refund_and_writes_back_to_the_same_wire_form() {
        PlatformRefund read = mapping.read("RF-1", refund());

        assertThat(read.id()).isEqualTo("RF-1");
        assertThat(read.refund().paymentId()).isEqualTo("pi_123");
        assertThat(read.refund().amount()).isEqualTo(Money.of("250.50", "ZAR"));
        assertThat(read.refund().date()).isEqualTo(LocalDate.parse("2026-03-05"));
        assertThat(read.refund().reason()).isEqualTo("class cancelled");
        assertThat(read.refund().referenceNumber()).isEqualTo("re_123");

        Map<String, Object> written = mapping.write(read);
        assertThat(written).containsEntry("id", "RF-1").containsEntry("provider_refund_id", "re_123");
        assertThat(mapping.read("RF-1", written)).isEqualTo(read);
    }

    @Test
    void without_a_provider_id_the_platform_id_is_the_reference() {
        Map<String, Object> json = refund();
        json.remove("provider_refund_id");
        json.remove("reason");

        PlatformRefund read = mapping.read("re_9", json);

        assertThat(read.refund().referenceNumber()).isEqualTo("re_9");
        assertThat(read.refund().reason()).isNull();
        assertThat(mapping.write(read)).doesNotContainKeys("provider_refund_id", "reason");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "amount | 0 | amount | must be positive",
                "amount | -5.00 | amount | must be positive",
                "amount | 1.005 | amount | has more decimals than ZAR has (2)",
                "currency | ZZZ | currency | is not an ISO 4217 currency code",
                "date | 5 March | date | must be a date as YYYY-MM-DD",
                "payment_id | ' ' | payment_id | is required",
            })
    void each_broken_field_is_named_once(String field, String value, String named, String message) {
        Map<String, Object> json = refund();
        json.put(field, value);

        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> mapping.read("RF-1", json));

        assertThat(refused.errors()).containsExactly(new FieldError(named, message));
    }

    @Test
    void a_positive_amount_in_a_broken_currency_is_the_currencys_fault_alone() {
        Map<String, Object> json = refund();
        json.remove("currency");

        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> mapping.read("RF-1", json));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("currency");
    }

    @Test
    void a_missing_refund_names_every_field_it_needs() {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> mapping.read("RF-1", new HashMap<>()));

        assertThat(refused.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("currency", "payment_id", "amount", "date");
    }

    private static Map<String, Object> refund() {
        return new HashMap<>(Map.of(
                "payment_id", "pi_123",
                "amount", "250.50",
                "currency", "ZAR",
                "date", "2026-03-05",
                "reason", "class cancelled",
                "provider_refund_id", "re_123"));
    }
}
