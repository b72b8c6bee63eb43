package io.zohosync.ports.flows.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.money.TaxScheme;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuoteMappingTest {

    private final QuoteMapping mapping = new QuoteMapping();

    @Test
    void a_quote_reads_with_its_status_and_writes_back_to_the_same_wire_form() {
        PlatformQuote read = mapping.read("Q-1", quote());

        assertThat(read.status()).isEqualTo("accepted");
        assertThat(read.quote().estimateNumber()).isEqualTo("Q-1");
        assertThat(read.quote().expiryDate()).isEqualTo(LocalDate.parse("2026-03-31"));
        assertThat(read.quote().taxScheme()).isEqualTo(new TaxScheme.Single("VAT"));
        assertThat(read.quote().itemSkus()).containsExactly("DESK");
        assertThat(read.quote().totals().total().amount()).isEqualByComparingTo("1150.00");

        Map<String, Object> written = mapping.write(read);
        assertThat(mapping.read("Q-1", written)).isEqualTo(read);
        assertThat(written).containsEntry("status", "accepted").containsEntry("expiry_date", "2026-03-31");
    }

    @Test
    void a_quote_without_a_status_is_a_draft() {
        Map<String, Object> json = quote();
        json.remove("status");
        assertThat(mapping.read("Q-1", json).status()).isEqualTo("draft");
    }

    @Test
    void every_broken_field_is_named() {
        Map<String, Object> json = new HashMap<>(Map.of(
                "date",
                "01/03/2026",
                "currency",
                "XYZ",
                "tax",
                Map.of("scheme", "sales"),
                "line_items",
                List.of(Map.of("item_id", "DESK", "quantity", "0", "rate", "-1"), "not a line")));

        assertThat(fields(json))
                .contains(
                        "customer_id",
                        "date",
                        "currency",
                        "tax.scheme",
                        "line_items[0].quantity",
                        "line_items[0].rate",
                        "line_items[1]");
    }

    @Test
    void an_unknown_status_is_refused_naming_the_allowed_ones() {
        Map<String, Object> json = quote();
        json.put("status", "won");
        InvalidInput invalid = catchThrowableOfType(() -> mapping.read("Q-1", json), InvalidInput.class);
        assertThat(invalid.errors())
                .containsExactly(
                        new InvalidInput.FieldError("status", "must be one of draft, sent, accepted, declined"));
    }

    @Test
    void an_expiry_before_the_date_is_refused() {
        Map<String, Object> json = quote();
        json.put("expiry_date", "2026-02-01");
        assertThat(fields(json)).containsExactly("expiry_date");
    }

    @Test
    void a_quote_without_lines_is_refused() {
        Map<String, Object> json = quote();
        json.put("line_items", List.of());
        assertThat(fields(json)).containsExactly("line_items");
    }

    @Test
    void an_amount_with_more_decimals_than_the_currency_has_is_refused() {
        Map<String, Object> json = quote();
        json.put("currency", "JPY");
        json.put("line_items", List.of(Map.of("item_id", "DESK", "quantity", "1", "rate", "500.50")));
        assertThat(fields(json)).containsExactly("line_items[0].rate");
    }

    private List<String> fields(Map<String, Object> json) {
        InvalidInput invalid = catchThrowableOfType(() -> mapping.read("Q-1", json), InvalidInput.class);
        assertThat(invalid).as("refused").isNotNull();
        return invalid.errors().stream().map(InvalidInput.FieldError::field).toList();
    }

    private static Map<String, Object> quote() {
        return new HashMap<>(Map.of(
                "customer_id",
                "cus-1",
                "date",
                "2026-03-01",
                "expiry_date",
                "2026-03-31",
                "status",
                "accepted",
                "currency",
                "ZAR",
                "tax",
                Map.of("scheme", "single", "name", "VAT"),
                "line_items",
                List.of(Map.of("item_id", "DESK", "quantity", "2", "rate", "500.00", "tax_percentage", "15"))));
    }
}
