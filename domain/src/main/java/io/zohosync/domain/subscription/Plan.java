package io.zohosync.domain.subscription;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;
import java.util.List;

/** Domain entity: a Billing plan the platform publishes, by its code: a recurring price every {@code interval} units. */
public record Plan(String code, String name, Money price, int interval, String intervalUnit, String description) {

    public static final List<String> UNITS = List.of("weeks", "months", "years");

    public Plan {
        new Checks()
                .required("code", code)
                .maxLength("code", code, 100)
                .required("name", name)
                .maxLength("name", name, 100)
                .rule(price != null, "price", "is required with currency")
                .rule(price == null || !price.isNegative(), "price", "must not be negative")
                .rule(interval >= 1, "interval", "must be at least 1")
                .rule(UNITS.contains(intervalUnit), "interval_unit", "must be one of " + UNITS)
                .throwIfAny();
    }
}
