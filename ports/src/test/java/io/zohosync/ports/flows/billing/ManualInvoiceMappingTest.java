package io.zohosync.ports.flows.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.invoice.ManualInvoiceKind;
import io.zohosync.domain.money.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualInvoiceMappingTest {

    private final ManualInvoiceMapping mapping = new ManualInvoiceMapping();

    @Test
    void an_invoice_with_lines_totals_them_and_writes_back_to_the_same_wire_form() {
        PlatformInvoice read = mapping.read(
                "INST-1",
                invoice(
                        "installation",
                        null,
                        List.of(
                                Map.of(
                                        "name",
                                        "Installation",
                                        "description",
                                        "Fibre",
                                        "quantity",
                                        "1",
                                        "price",
                                        "150.00"),
                                Map.of("name", "Router", "quantity", 2, "price", "49.50"))));

        assertThat(read.id()).isEqualTo("INST-1");
        assertThat(read.serviceId()).isEqualTo("svc-1");
        assertThat(read.invoice().kind()).isEqualTo(ManualInvoiceKind.INSTALLATION);
        assertThat(read.invoice().total()).isEqualTo(Money.of("249.00", "ZAR"));
        assertThat(read.invoice().lines()).extracting(LineItem::name).containsExactly("Installation", "Router");
        assertThat(mapping.read("INST-1", mapping.write(read))).isEqualTo(read);
    }

    @Test
    void an_invoice_without_lines_is_one_line_named_for_its_kind_for_its_amount() {
        PlatformInvoice read = mapping.read("EQ-1", invoice("pro_rata", "120.50", null));

        assertThat(read.invoice().toInvoice().orElseThrow().lines())
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.name()).isEqualTo("Pro-rata charge");
                    assertThat(line.rate()).isEqualByComparingTo("120.50");
                });
        assertThat(mapping.read("EQ-1", mapping.write(read))).isEqualTo(read);
    }

    @Test
    void a_recurring_invoice_is_refused_with_the_reason_the_http_adapter_answers() {
        InvalidInput refused = catchThrowableOfType(
                () -> mapping.read("REC-1", invoice("recurring", "499.00", null)), InvalidInput.class);

        assertThat(refused.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("kind");
            assertThat(error.message())
                    .startsWith(ManualInvoiceMapping.RECURRING_REFUSED)
                    .contains("subscription");
        });
    }

    @Test
    void each_broken_field_is_named_once() {
        Map<String, Object> json = new HashMap<>();
        json.put("kind", "gift");
        json.put("currency", "ZAR");
        json.put("date", "2026-12-01");
        json.put("amount", "10.005");
        InvalidInput refused = catchThrowableOfType(() -> mapping.read("BAD-1", json), InvalidInput.class);

        assertThat(refused.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("customer_id", "kind", "amount");
    }

    @Test
    void zohos_expiring_time_is_read_with_or_without_a_colon_in_its_offset() {
        assertThat(PaymentMethodService.expiry("2026-11-22T03:03:08+0000"))
                .isEqualTo(Instant.parse("2026-11-22T03:03:08Z"));
        assertThat(PaymentMethodService.expiry("2026-11-22T05:03:08+02:00"))
                .isEqualTo(Instant.parse("2026-11-22T03:03:08Z"));
        assertThat(PaymentMethodService.expiry(null)).isNull();
    }

    private static Map<String, Object> invoice(String kind, String amount, List<Map<String, Object>> lines) {
        Map<String, Object> json = new HashMap<>();
        json.put("customer_id", "cus-1");
        json.put("kind", kind);
        json.put("service_id", "svc-1");
        json.put("currency", "ZAR");
        json.put("date", "2026-12-01");
        if (amount != null) {
            json.put("amount", amount);
        }
        if (lines != null) {
            json.put("line_items", lines);
        }
        return json;
    }
}
