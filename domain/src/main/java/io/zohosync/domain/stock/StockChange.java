package io.zohosync.domain.stock;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;

/**
 * Domain entity: a stock change the platform made, named by its own change {@code id}: an item's ({@code sku}) level
 * in one {@code warehouse} (null: the item's only stock) moved by {@code delta} or set to {@code level} — exactly one
 * of the two — for {@code reason}.
 */
public record StockChange(String id, String sku, String warehouse, BigDecimal delta, BigDecimal level, String reason) {

    public static final int MAX_REASON = 255;

    public StockChange {
        new Checks()
                .required("id", id)
                .identifier("id", id)
                .maxLength("id", id, 200)
                .required("sku", sku)
                .identifier("sku", sku)
                .maxLength("sku", sku, 100)
                .rule(sku == null || sku.indexOf('@') < 0, "sku", "must not contain '@' (it separates the warehouse)")
                .identifier("warehouse", warehouse)
                .maxLength("warehouse", warehouse, 100)
                .rule(
                        warehouse == null || (!warehouse.isBlank() && warehouse.indexOf('@') < 0),
                        "warehouse",
                        "must not be blank or contain '@'")
                .rule((delta == null) != (level == null), "delta", "exactly one of delta and level is required")
                .rule(level == null || level.signum() >= 0, "level", "must not be negative")
                .rule(delta == null || delta.signum() != 0, "delta", "must not be zero")
                .maxLength("reason", reason, MAX_REASON)
                .throwIfAny();
    }

    /** The stock record it changes. */
    public StockKey key() {
        return new StockKey(sku, warehouse);
    }

    /** The platform's level after this change, from its level before. */
    public BigDecimal applyTo(BigDecimal platformLevel) {
        return level != null ? level : platformLevel.add(delta);
    }
}
