package io.zohosync.domain.stock;

import io.zohosync.domain.common.Checks;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Domain entity: a stock level that changed, on the platform (pushed to Zoho) or in Zoho (pulled
 * back). A pulled change that only repeats the level last pushed is an echo and is dropped.
 */
public record StockChange(String itemSku, BigDecimal previousLevel, BigDecimal newLevel, Instant at, Origin origin) {

    /** Where the change happened. */
    public enum Origin {
        PLATFORM,
        ZOHO
    }

    public StockChange {
        new Checks()
                .required("sku", itemSku)
                .rule(previousLevel != null, "previous_level", "is required")
                .rule(newLevel != null, "new_level", "is required")
                .rule(at != null, "at", "is required")
                .rule(origin != null, "origin", "is required")
                .throwIfAny();
    }

    /** The adjustment Zoho needs: new level minus previous. */
    public BigDecimal delta() {
        return newLevel.subtract(previousLevel);
    }

    /** Whether this is Zoho reporting back the level the service itself pushed last. */
    public boolean isEchoOf(BigDecimal lastPushedLevel) {
        return origin == Origin.ZOHO && lastPushedLevel != null && newLevel.compareTo(lastPushedLevel) == 0;
    }
}
