package io.zohosync.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GstTest {

    @Test
    void a_supply_within_the_organizations_state_pays_cgst_and_sgst_at_half_the_rate() {
        GstSupply supply = new GstSupply("TN", " tn ");
        assertThat(supply.intraState()).isTrue();
        assertThat(supply.components(new BigDecimal("18")))
                .containsExactly(
                        new TaxComponent("CGST", new BigDecimal("9")), new TaxComponent("SGST", new BigDecimal("9")));
        assertThat(supply.components(new BigDecimal("5")))
                .containsExactly(
                        new TaxComponent("CGST", new BigDecimal("2.5")),
                        new TaxComponent("SGST", new BigDecimal("2.5")));
    }

    @Test
    void a_supply_to_another_state_pays_igst_at_the_full_rate() {
        GstSupply supply = new GstSupply("TN", "KA");
        assertThat(supply.intraState()).isFalse();
        assertThat(supply.components(new BigDecimal("18")))
                .containsExactly(new TaxComponent("IGST", new BigDecimal("18")));
    }

    @Test
    void a_nil_rated_line_carries_no_tax() {
        assertThat(new GstSupply("TN", "TN").components(BigDecimal.ZERO)).isEmpty();
        assertThat(new GstSupply("TN", "KA").components(new BigDecimal("0.00"))).isEmpty();
    }

    @Test
    void both_states_are_required() {
        assertThatThrownBy(() -> new GstSupply(null, "TN")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new GstSupply("TN", " ")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void tax_schemes_give_no_tax_one_named_tax_or_gst() {
        assertThat(TaxScheme.NONE.components(BigDecimal.TEN)).isEmpty();
        assertThat(new TaxScheme.Single("VAT").components(new BigDecimal("15.00")))
                .containsExactly(new TaxComponent("VAT", new BigDecimal("15")));
        assertThat(new TaxScheme.Single("VAT").components(BigDecimal.ZERO)).isEmpty();
        assertThat(new TaxScheme.Gst(new GstSupply("MH", "DL")).components(new BigDecimal("12")))
                .isEqualTo(List.of(new TaxComponent("IGST", new BigDecimal("12"))));
        assertThatThrownBy(() -> new TaxScheme.Single(" ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new TaxScheme.Gst(null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_tax_component_needs_a_name_and_a_non_negative_rate() {
        assertThatThrownBy(() -> new TaxComponent("", BigDecimal.ONE)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new TaxComponent("X", new BigDecimal("-1"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new TaxComponent("X", null)).isInstanceOf(InvalidInput.class);
        assertThat(new TaxComponent("X", BigDecimal.ZERO).percent()).isZero();
    }
}
