package io.zohosync.ports.out.zoho;

import io.zohosync.domain.budget.BudgetLimits;
import io.zohosync.domain.common.InvalidInput;

/**
 * Value: the calls one organization may make to one product, as configured: per sliding minute, per
 * sliding 24 hours (the plan's limit or a lower cap) and at the same time. It is the domain's
 * {@link BudgetLimits} under the name the Zoho settings use; the domain decides what is valid.
 */
public record ZohoApiLimits(int perMinute, int perDay, int concurrency) {

    public ZohoApiLimits {
        try {
            new BudgetLimits(perMinute, perDay, concurrency);
        } catch (InvalidInput e) {
            throw new IllegalArgumentException(
                    "API limits must be positive: " + perMinute + "/min, " + perDay + "/day, " + concurrency
                            + " at once (" + e.getMessage() + ")",
                    e);
        }
    }

    public BudgetLimits budgetLimits() {
        return new BudgetLimits(perMinute, perDay, concurrency);
    }

    /**
     * The only defaults: a little under the smallest plan's published figures (docs/zoho-api.md), the same for
     * products on one {@link BudgetAccount.Meter}.
     * <ul>
     *   <li>Books and Inventory: Books allows 100 a minute per organization on every plan, 1,000 a day on Free
     *       (2,000 to 10,000 on paid plans) and 5 at once on Free, 10 on paid plans (§2.11); Inventory's are
     *       reported to be Books' (§8, unconfirmed) and share Books' count.</li>
     *   <li>Billing: its limits are not published (§3.1, §10); Books' figures are assumed.</li>
     *   <li>CRM: 5,000 credits per rolling 24 hours and 5 at once on Free (§5.4); no per-minute limit is
     *       documented, so the minute only paces calls like the others.</li>
     * </ul>
     */
    public static ZohoApiLimits defaults(ZohoProduct product) {
        return switch (BudgetAccount.Meter.of(product)) {
            case BOOKS_AND_INVENTORY, BILLING -> new ZohoApiLimits(95, 900, 5);
            case CRM -> new ZohoApiLimits(95, 4500, 5);
        };
    }
}
