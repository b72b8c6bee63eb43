package io.zohosync.ports.flows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.PaymentMethod;
import io.zohosync.domain.payment.PaymentModeMapping;
import io.zohosync.domain.payment.ZohoPaymentMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentMappingTest {

    private final PaymentMapping mapping = new PaymentMapping();

    @Test
    void a_payment_reads_into_the_domain_payment_and_writes_back_to_the_same_wire_form() {
        PlatformPayment read = mapping.read("PAY-1", payment());

        assertThat(read.id()).isEqualTo("PAY-1");
        assertThat(read.payment().customerId()).isEqualTo("cus-1");
        assertThat(read.payment().appliedTo()).contains("ENR-1");
        assertThat(read.payment().amount()).isEqualTo(Money.of("1180.00", "INR"));
        assertThat(read.payment().date()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(read.payment().method()).isEqualTo(PaymentMethod.CARD);
        assertThat(read.payment().referenceNumber()).isEqualTo("pi_123");

        Map<String, Object> written = mapping.write(read);
        assertThat(written).containsEntry("id", "PAY-1").containsEntry("provider_payment_id", "pi_123");
        assertThat(mapping.read("PAY-1", written)).isEqualTo(read);
    }

    @Test
    void without_a_provider_id_the_platform_id_is_the_reference_and_without_an_order_the_payment_is_a_credit() {
        Map<String, Object> json = payment();
        json.remove("provider_payment_id");
        json.remove("invoice_id");

        PlatformPayment read = mapping.read("PAY-2", json);

        assertThat(read.payment().referenceNumber()).isEqualTo("PAY-2");
        assertThat(read.payment().appliedTo()).isEmpty();
        Map<String, Object> written = mapping.write(read);
        assertThat(written).doesNotContainKeys("provider_payment_id", "invoice_id");
        assertThat(mapping.read("PAY-2", written)).isEqualTo(read);
    }

    @ParameterizedTest
    @CsvSource({
        "card, CREDIT_CARD",
        "stripe, CREDIT_CARD",
        "eft, BANK_TRANSFER",
        "bank_transfer, BANK_TRANSFER",
        "netcash, BANK_TRANSFER",
        "cash, CASH"
    })
    void each_method_is_booked_under_the_domains_zoho_mode(String method, ZohoPaymentMode mode) {
        Map<String, Object> json = payment();
        json.put("method", method);
        assertThat(mapping.read("PAY-1", json).payment().zohoMode(PaymentModeMapping.DEFAULT))
                .isEqualTo(mode);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "customer_id | | is required",
                "amount | | must be positive",
                "amount | -5.00 | must be positive",
                "amount | 0 | must be positive",
                "amount | 12.345 | has more decimals than INR has (2)",
                "amount | ten | must be a number",
                "currency | | is required (ISO 4217, e.g. INR)",
                "currency | XYZ | is not an ISO 4217 currency code",
                "date | | is required",
                "date | 2026-02-30 | must be a date as YYYY-MM-DD",
                "method | | is required",
                "method | cheque | must be card, eft, netcash, cash, bank_transfer or stripe",
            })
    void each_broken_field_is_refused_alone_with_its_reason(String field, String value, String message) {
        Map<String, Object> json = payment();
        json.remove(field);
        if (value != null) {
            json.put(field, value);
        }
        InvalidInput invalid = catchThrowableOfType(() -> mapping.read("PAY-1", json), InvalidInput.class);

        assertThat(invalid.errors()).containsExactly(new FieldError(field, message));
    }

    @Test
    void a_yen_amount_takes_no_decimals_and_too_long_ids_are_refused() {
        Map<String, Object> json = payment();
        json.put("currency", "JPY");
        json.put("amount", "100.5");
        json.put("provider_payment_id", "p".repeat(101));
        json.put("customer_id", 42);

        InvalidInput invalid = catchThrowableOfType(() -> mapping.read("PAY-1", json), InvalidInput.class);

        assertThat(invalid.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("amount", "provider_payment_id", "customer_id");
    }

    private static Map<String, Object> payment() {
        return new HashMap<>(Map.of(
                "customer_id", "cus-1",
                "invoice_id", "ENR-1",
                "amount", "1180.00",
                "currency", "INR",
                "date", "2026-03-02",
                "method", "card",
                "provider_payment_id", "pi_123"));
    }
}
