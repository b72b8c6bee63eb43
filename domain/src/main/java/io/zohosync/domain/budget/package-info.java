/**
 * Budget arithmetic for Zoho's API limits (design.md §8), decided here and only here; the budget adapters
 * count calls and store them.
 *
 * <p>Why sliding windows: docs/zoho-api.md gives Books' limits as "100 requests / minute / organization"
 * and a daily figure per plan, and leaves open how the windows run — "Reset time of the daily counter:
 * UNCONFIRMED (third parties say a rolling/daily window)" (§2.11); CRM counts "Credits per rolling 24 h per org"
 * (§5.4); the sandbox opens a window at its first call. Holding at most the limit in every minute and every
 * 24 hours, whenever they start, keeps under each of those readings; clock-minute or midnight windows let
 * up to twice the limit through across a boundary, and a midnight needs a time zone the doc does not give.
 * Each window runs {@link io.zohosync.domain.budget.Budget#MARGIN} longer than Zoho's, as calls reach Zoho
 * a varying moment after their permit.
 *
 * <p>Why Books and Inventory share one count: Books' limits are per organization (§2.11), Inventory is
 * reported to have the same limits and to share Books' organization (§8, both unconfirmed). Counting them
 * together can only keep the service further under Zoho's limits; the rule lives in the port's
 * {@code BudgetAccount}.
 */
package io.zohosync.domain.budget;
