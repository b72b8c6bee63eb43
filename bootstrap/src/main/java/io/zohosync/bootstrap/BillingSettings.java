package io.zohosync.bootstrap;

import io.zohosync.domain.subscription.SubscriptionChange.Timing;
import io.zohosync.ports.flows.billing.CatalogNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Billing's settings: {@code ZSYNC_ZOHO_BILLING_ORGANIZATION_ID} (default: the Books organization id, as one Zoho Finance
 * organization serves both), {@code ZSYNC_BILLING_PRODUCT_ID} (the product plans and addons are published under;
 * none: the service's own product {@code zoho-sync}, found by name or created once), {@code ZSYNC_BILLING_PLANS} and
 * {@code ZSYNC_BILLING_ADDONS} ({@code fibre-50=FIBRE-50,…}: the platform's product names for Billing codes) and
 * {@code ZSYNC_BILLING_PRORATION} ({@code immediate} — the default — or {@code at_renewal}: when a plan change a service
 * does not time itself takes effect).
 */
record BillingSettings(
        Optional<String> organizationId, Optional<String> productId, CatalogNames names, Timing proration) {

    static BillingSettings from(Map<String, String> env) {
        String proration = text(env, "ZSYNC_BILLING_PRORATION").orElse("immediate");
        if (!proration.equals("immediate") && !proration.equals("at_renewal")) {
            throw new Config.ConfigException(
                    "ZSYNC_BILLING_PRORATION must be immediate or at_renewal, not '" + proration + "'");
        }
        return new BillingSettings(
                text(env, "ZSYNC_ZOHO_BILLING_ORGANIZATION_ID"),
                text(env, "ZSYNC_BILLING_PRODUCT_ID"),
                new CatalogNames(codes(env, "ZSYNC_BILLING_PLANS"), codes(env, "ZSYNC_BILLING_ADDONS")),
                proration.equals("immediate") ? Timing.IMMEDIATELY : Timing.END_OF_TERM);
    }

    private static Map<String, String> codes(Map<String, String> env, String name) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : text(env, name).orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new Config.ConfigException(name + ": '" + entry.trim()
                        + "' is not platform-name=CODE (e.g. fibre-50=FIBRE-50,fibre-100=FIBRE-100)");
            }
            codes.put(parts[0].trim(), parts[1].trim());
        }
        return codes;
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
