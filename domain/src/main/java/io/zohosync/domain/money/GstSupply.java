package io.zohosync.domain.money;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Domain rule: India GST by place of supply — a supply within the organization's own state pays
 * CGST and SGST, half the rate each; a supply to another state pays IGST at the full rate.
 * States are GST state codes or names as Zoho spells them ("TN", "KA"); compared case-insensitively.
 */
public record GstSupply(String organizationState, String placeOfSupply) {

    public GstSupply {
        new Checks()
                .required("organization_state", organizationState)
                .required("place_of_supply", placeOfSupply)
                .throwIfAny();
        organizationState = organizationState.trim().toUpperCase(Locale.ROOT);
        placeOfSupply = placeOfSupply.trim().toUpperCase(Locale.ROOT);
    }

    public boolean intraState() {
        return organizationState.equals(placeOfSupply);
    }

    /** The taxes a line at {@code gstPercent} carries here; none for a nil-rated line. */
    public List<TaxComponent> components(BigDecimal gstPercent) {
        if (gstPercent.signum() == 0) {
            return List.of();
        }
        if (!intraState()) {
            return List.of(new TaxComponent("IGST", gstPercent));
        }
        BigDecimal half = gstPercent.divide(BigDecimal.valueOf(2));
        return List.of(new TaxComponent("CGST", half), new TaxComponent("SGST", half));
    }
}
