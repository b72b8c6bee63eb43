package io.zohosync.domain.invoice;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.PricedLine;
import java.math.BigDecimal;
import java.util.Optional;

/** Value: one invoice or estimate line; {@code itemSku} names a catalog item, absent for a free-text line. */
public record LineItem(
        String itemSku,
        String name,
        String description,
        BigDecimal quantity,
        BigDecimal rate,
        Discount discount,
        BigDecimal taxPercent)
        implements PricedLine {

    public LineItem {
        new Checks()
                .required("name", name)
                .rule(quantity != null && quantity.signum() > 0, "quantity", "must be positive")
                .rule(rate != null, "rate", "is required")
                .rule(taxPercent == null || taxPercent.signum() >= 0, "tax_percentage", "must not be negative")
                .throwIfAny();
        discount = discount == null ? Discount.NONE : discount;
        taxPercent = taxPercent == null ? BigDecimal.ZERO : taxPercent;
    }

    /** One of something at a rate, untaxed and undiscounted. */
    public static LineItem single(String name, BigDecimal rate) {
        return new LineItem(null, name, null, BigDecimal.ONE, rate, Discount.NONE, BigDecimal.ZERO);
    }

    public Optional<String> sku() {
        return Optional.ofNullable(itemSku).filter(s -> !s.isBlank());
    }
}
