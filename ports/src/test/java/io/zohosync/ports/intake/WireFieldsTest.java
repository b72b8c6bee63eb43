package io.zohosync.ports.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFieldsTest {

    @Test
    void a_number_is_read_from_a_json_number_or_a_decimal_string() {
        WireFields fields = WireFields.of(Map.of("a", new BigDecimal("12.50"), "b", "7.25", "c", 3));
        assertThat(fields.decimal("a")).isEqualByComparingTo("12.5");
        assertThat(fields.decimal("b")).isEqualByComparingTo("7.25");
        assertThat(fields.decimal("c")).isEqualByComparingTo("3");
        assertThat(fields.decimal("missing")).isNull();
    }

    @Test
    void numbers_too_large_or_too_fine_to_be_money_are_refused_without_being_expanded() {
        WireFields fields = WireFields.of(Map.of(
                "huge",
                "1e999999999",
                "long",
                "9".repeat(21),
                "fine",
                new BigDecimal("0.00000000001"),
                "text",
                "twelve",
                "object",
                Map.of()));
        for (String field : List.of("huge", "long", "fine", "text", "object")) {
            fields.decimal(field);
        }
        assertThatThrownBy(() -> fields.build(() -> "built"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("huge", "long", "fine", "text", "object"));
    }

    @Test
    void the_canonical_form_of_an_unbounded_exponent_stays_short() {
        assertThat(CanonicalJson.write(Map.of("x", new BigDecimal("1e999999999"))))
                .isEqualTo("{\"x\":1E+999999999}");
        assertThat(CanonicalJson.write(Map.of("b", List.of(1, true), "a", new BigDecimal("12.50"), "c", "q\"\n")))
                .isEqualTo("{\"a\":12.5,\"b\":[1,true],\"c\":\"q\\\"\\u000a\"}");
    }

    @Test
    void every_text_field_is_bounded_by_its_mapping_or_by_the_default_and_too_long_is_refused_not_cut() {
        WireFields fields = WireFields.of(
                Map.of("name", "n".repeat(101), "note", "x".repeat(WireFields.MAX_TEXT + 1), "fits", "y".repeat(100)));

        assertThat(fields.string("name", 100)).hasSize(101);
        fields.string("note");
        assertThat(fields.string("fits", 100)).hasSize(100);

        assertThatThrownBy(() -> fields.build(() -> "built"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new FieldError("name", "must be at most 100 characters"),
                                        new FieldError(
                                                "note", "must be at most " + WireFields.MAX_TEXT + " characters")));
    }

    @Test
    void a_rule_broken_in_the_wire_form_and_in_the_domain_is_reported_once() {
        WireFields fields = WireFields.of(Map.of("name", "n".repeat(101)));
        String name = fields.string("name", 100);

        assertThatThrownBy(() -> fields.build(() -> {
                    throw new InvalidInput(List.of(new FieldError("name", "must be at most 100 characters")));
                }))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.errors()).hasSize(1));
        assertThat(name).hasSize(101);
    }
}
