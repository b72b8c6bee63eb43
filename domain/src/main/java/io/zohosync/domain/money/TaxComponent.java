package io.zohosync.domain.money;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;

/** Value: one tax as Zoho lists it on an invoice — "CGST" at 9 %, "IGST" at 18 %, "VAT" at 15 %. */
public record TaxComponent(String name, BigDecimal percent) {

    public TaxComponent {
        new Checks()
                .required("tax_name", name)
                .rule(percent != null && percent.signum() >= 0, "tax_percentage", "must not be negative")
                .throwIfAny();
        percent = percent.stripTrailingZeros();
    }
}
