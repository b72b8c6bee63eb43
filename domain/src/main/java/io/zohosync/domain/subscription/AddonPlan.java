package io.zohosync.domain.subscription;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;
import java.util.List;

/** Domain entity: a Billing addon the platform publishes, by its code: recurring (monthly or yearly) or one time. */
public record AddonPlan(String code, String name, Money price, String type, String intervalUnit) {

    public static final List<String> TYPES = List.of("recurring", "one_time");
    public static final List<String> UNITS = List.of("monthly", "yearly");

    public AddonPlan {
        new Checks()
                .required("code", code)
                .maxLength("code", code, 100)
                .required("name", name)
                .maxLength("name", name, 100)
                .rule(price != null, "price", "is required with currency")
                .rule(price == null || !price.isNegative(), "price", "must not be negative")
                .rule(TYPES.contains(type), "type", "must be one of " + TYPES)
                .rule(intervalUnit == null || UNITS.contains(intervalUnit), "interval_unit", "must be one of " + UNITS)
                .throwIfAny();
        if ("recurring".equals(type) && intervalUnit == null) {
            intervalUnit = "monthly";
        }
    }
}
