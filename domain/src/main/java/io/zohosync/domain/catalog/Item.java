package io.zohosync.domain.catalog;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;

/** Domain entity: a class, plan or product sold on the platform; a Books item, found again by its sku. */
public record Item(String sku, String name, Money rate, String description) {

    public Item {
        new Checks()
                .required("sku", sku)
                .identifier("sku", sku)
                .maxLength("sku", sku, 100)
                .required("name", name)
                .maxLength("name", name, 100)
                .rule(rate != null, "rate", "is required")
                .rule(rate == null || !rate.isNegative(), "rate", "must not be negative")
                .throwIfAny();
        sku = sku.trim();
        name = name.trim();
    }
}
