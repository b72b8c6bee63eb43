package io.zohosync.ports.flows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.invoice.Order;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderMappingTest {

    private final OrderMapping mapping = new OrderMapping();

    @Test
    void an_enrollment_reads_into_an_order_and_writes_back_to_the_same_wire_form() {
        Map<String, Object> json = enrollment();
        Order order = mapping.read("ENR-1", json);

        assertThat(order.customerId()).isEqualTo("cus-1");
        assertThat(order.date()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(order.currency().getCurrencyCode()).isEqualTo("INR");
        assertThat(order.priceBasis()).isEqualTo(PriceBasis.INCLUSIVE);
        assertThat(order.taxScheme()).isInstanceOf(TaxScheme.Gst.class);
        assertThat(order.lines()).hasSize(2);
        assertThat(order.lines().get(0).name()).as("named after its item").isEqualTo("YOGA");
        assertThat(order.lines().get(0).discount()).isEqualTo(new Discount.Percent(new BigDecimal("10")));
        assertThat(order.lines().get(1).discount()).isEqualTo(new Discount.Amount(new BigDecimal("5.50")));
        assertThat(order.toInvoice().invoiceNumber()).isEqualTo("ENR-1");

        Map<String, Object> written = mapping.write(order);
        assertThat(mapping.read("ENR-1", written)).isEqualTo(order);
        assertThat(written).containsEntry("id", "ENR-1").containsEntry("prices_include_tax", true);
    }

    @Test
    void every_broken_field_is_named_with_its_line() {
        Map<String, Object> json = new HashMap<>(Map.of(
                "date",
                "01/03/2026",
                "currency",
                "XYZ",
                "tax",
                Map.of("scheme", "sales"),
                "line_items",
                List.of(
                        Map.of("item_id", "YOGA", "quantity", "0", "rate", "-1"),
                        Map.of("name", "Fee", "quantity", "1", "rate", "abc", "tax_percentage", "-5"),
                        "not a line")));

        assertThat(fields(json))
                .contains(
                        "customer_id",
                        "date",
                        "currency",
                        "tax.scheme",
                        "line_items[0].quantity",
                        "line_items[0].rate",
                        "line_items[1].rate",
                        "line_items[1].tax_percentage",
                        "line_items[2]");
    }

    @Test
    void a_date_that_is_no_date_is_reported_once_as_such_not_also_as_missing() {
        Map<String, Object> json = enrollment();
        json.put("date", "2026-13-01");
        InvalidInput invalid = catchThrowableOfType(() -> mapping.read("ENR-1", json), InvalidInput.class);
        assertThat(invalid.errors())
                .containsExactly(new InvalidInput.FieldError("date", "must be a date as YYYY-MM-DD"));
    }

    @Test
    void an_amount_with_more_decimals_than_its_currency_is_refused_not_rounded() {
        Map<String, Object> json = enrollment();
        json.put("currency", "JPY");
        json.put("line_items", List.of(Map.of("item_id", "YOGA", "quantity", "1", "rate", "250.5")));
        assertThat(fields(json)).containsExactly("line_items[0].rate");

        json.put("currency", "ZAR");
        json.put(
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", "1.5", "rate", "10.999", "discount_amount", "0.001")));
        assertThat(fields(json)).containsExactlyInAnyOrder("line_items[0].rate", "line_items[0].discount_amount");
    }

    @Test
    void gst_needs_both_states_and_a_single_tax_its_name_and_a_line_one_kind_of_discount() {
        Map<String, Object> json = enrollment();
        json.put("tax", Map.of("scheme", "gst", "place_of_supply", "KA"));
        assertThat(fields(json)).containsExactly("tax.organization_state");

        json.put("tax", Map.of("scheme", "single"));
        assertThat(fields(json)).containsExactly("tax.tax_name");

        json.put("tax", Map.of("scheme", "single", "name", "VAT"));
        json.put(
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", "1", "rate", "10", "discount_percent", "101")));
        assertThat(fields(json)).containsExactly("line_items[0].discount");
        json.put(
                "line_items",
                List.of(Map.of(
                        "item_id",
                        "YOGA",
                        "quantity",
                        "1",
                        "rate",
                        "10",
                        "discount_percent",
                        "1",
                        "discount_amount",
                        "1")));
        assertThat(fields(json)).containsExactly("line_items[0].discount_amount");
    }

    @Test
    void an_order_without_lines_or_with_lines_not_a_list_is_refused() {
        Map<String, Object> json = enrollment();
        json.remove("line_items");
        assertThat(fields(json)).containsExactly("line_items");
        json.put("line_items", Map.of("item_id", "YOGA"));
        assertThat(fields(json)).contains("line_items");
    }

    private List<String> fields(Map<String, Object> json) {
        InvalidInput invalid = catchThrowableOfType(() -> mapping.read("ENR-1", json), InvalidInput.class);
        assertThat(invalid).as("refused").isNotNull();
        return invalid.errors().stream().map(InvalidInput.FieldError::field).toList();
    }

    @Test
    void an_order_may_name_the_quote_it_comes_from_which_is_written_back_and_kept_to_zohos_length() {
        Map<String, Object> json = enrollment();
        json.put("quote_id", "Q-7");
        Order order = mapping.read("ENR-1", json);
        assertThat(order.quote()).contains("Q-7");
        assertThat(mapping.write(order)).containsEntry("quote_id", "Q-7");
        assertThat(mapping.read("ENR-1", mapping.write(order))).isEqualTo(order);
        assertThat(mapping.read("ENR-2", enrollment()).quote()).isEmpty();

        json.put("quote_id", "Q".repeat(101));
        assertThat(fields(json)).containsExactly("quote_id");
    }

    private static Map<String, Object> enrollment() {
        Map<String, Object> json = new HashMap<>();
        json.put("customer_id", "cus-1");
        json.put("date", "2026-03-01");
        json.put("currency", "INR");
        json.put("prices_include_tax", true);
        json.put("tax", Map.of("scheme", "gst", "organization_state", "TN", "place_of_supply", "ka"));
        json.put(
                "line_items",
                List.of(
                        Map.of(
                                "item_id",
                                "YOGA",
                                "quantity",
                                "1",
                                "rate",
                                "1180.00",
                                "discount_percent",
                                "10",
                                "tax_percentage",
                                "18"),
                        Map.of("name", "Registration fee", "quantity", "2", "rate", "100", "discount_amount", "5.50")));
        return json;
    }
}
