package io.zohosync.domain.subscription;

import io.zohosync.domain.common.Checks;

/** Value: an addon on a subscription, by its Billing addon code. */
public record Addon(String addonCode, int quantity) {

    public Addon {
        new Checks()
                .required("addon_code", addonCode)
                .rule(quantity >= 1, "quantity", "must be at least 1")
                .throwIfAny();
    }
}
