package io.zohosync.ports.flows.billing;

import java.util.Map;

/**
 * The platform's product names for Billing plan and addon codes ({@code ZSYNC_BILLING_PLANS},
 * {@code ZSYNC_BILLING_ADDONS}): a service may name {@code fibre-50} where Billing knows {@code FIBRE-50}. A code named
 * here is managed in Billing (no {@code PUT /api/v1/plans} needed before a service uses it); any other code must have
 * been published by the platform first, and is a prerequisite of the service.
 */
public record CatalogNames(Map<String, String> plans, Map<String, String> addons) {

    public static final CatalogNames NONE = new CatalogNames(Map.of(), Map.of());

    public CatalogNames {
        plans = Map.copyOf(plans);
        addons = Map.copyOf(addons);
    }

    /** The plan code a name stands for, or the name itself when it is a code. */
    public String planCode(String nameOrCode) {
        return nameOrCode == null ? null : plans.getOrDefault(nameOrCode, nameOrCode);
    }

    public String addonCode(String nameOrCode) {
        return nameOrCode == null ? null : addons.getOrDefault(nameOrCode, nameOrCode);
    }

    /** Whether the plan code is managed in Billing by configuration, so not a platform-published prerequisite. */
    public boolean configuredPlan(String code) {
        return plans.containsValue(code);
    }

    public boolean configuredAddon(String code) {
        return addons.containsValue(code);
    }
}
