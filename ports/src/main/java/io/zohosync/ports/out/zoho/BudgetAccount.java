package io.zohosync.ports.out.zoho;

import java.util.Objects;

/**
 * Value: the counter Zoho charges a call to — one per organization and {@link Meter}. The only place that
 * says which products share a count; both budget adapters key their counts, and Zoho's blocks, by it.
 */
public record BudgetAccount(String organizationId, Meter meter) {

    /**
     * The products Zoho counts together. Books' limits are per organization (docs/zoho-api.md §2.11); Inventory
     * runs on the same organization and, by integrators' reports, the same limits (§8, unconfirmed by Zoho), so
     * one organization's Books and Inventory calls are counted as one — the cautious reading. Billing and CRM
     * are counted on their own (CRM's limits: §5.4; Billing's are unpublished: §3.1).
     */
    public enum Meter {
        BOOKS_AND_INVENTORY,
        BILLING,
        CRM;

        public static Meter of(ZohoProduct product) {
            return switch (product) {
                case BOOKS, INVENTORY -> BOOKS_AND_INVENTORY;
                case BILLING -> BILLING;
                case CRM -> CRM;
            };
        }
    }

    public BudgetAccount {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(meter, "meter");
    }

    public static BudgetAccount of(String organizationId, ZohoProduct product) {
        return new BudgetAccount(organizationId, Meter.of(product));
    }
}
