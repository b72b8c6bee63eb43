package io.zohosync.domain.money;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;
import java.util.List;

/** Domain rule: which taxes a line at a given rate carries — none, one named tax, or India GST. */
public sealed interface TaxScheme {

    TaxScheme NONE = new Untaxed();

    List<TaxComponent> components(BigDecimal percent);

    /** No tax at all, whatever the line says. */
    record Untaxed() implements TaxScheme {
        @Override
        public List<TaxComponent> components(BigDecimal percent) {
            return List.of();
        }
    }

    /** One tax by name at each line's rate (VAT, sales tax). */
    record Single(String name) implements TaxScheme {
        public Single {
            new Checks().required("tax_name", name).throwIfAny();
        }

        @Override
        public List<TaxComponent> components(BigDecimal percent) {
            return percent.signum() == 0 ? List.of() : List.of(new TaxComponent(name, percent));
        }
    }

    /** India GST, split by place of supply. */
    record Gst(GstSupply supply) implements TaxScheme {
        public Gst {
            new Checks().rule(supply != null, "place_of_supply", "is required").throwIfAny();
        }

        @Override
        public List<TaxComponent> components(BigDecimal percent) {
            return supply.components(percent);
        }
    }
}
