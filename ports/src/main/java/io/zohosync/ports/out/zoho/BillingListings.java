package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ZohoListings.Page;
import java.util.HashMap;
import java.util.Map;

/**
 * Outbound port: Zoho Billing's objects a page at a time (200 to a page), for reconciliation — customers,
 * subscriptions, invoices and payments (Billing lists payments as a customer's transactions) — and the one read a list
 * row cannot replace: a subscription's plan and quantity (its list row names the plan only).
 */
public interface BillingListings {

    /**
     * One object as reconciliation compares it: its Zoho id, the platform id it carries where its row shows one
     * ({@code reference}: a subscription's {@code reference_id}, a payment's reference number; else null), its status
     * and the compared fields ({@code email}; {@code total}, {@code balance}; {@code amount}; {@code plan_code},
     * {@code quantity}), amounts as plain decimals.
     */
    record Row(String id, String reference, String status, Map<String, String> fields) {
        public Row {
            Map<String, String> known = new HashMap<>();
            fields.forEach((name, value) -> {
                if (value != null) {
                    known.put(name, value);
                }
            });
            fields = Map.copyOf(known);
        }
    }

    Future<ZohoOutcome<Page<Row>>> customers(int page);

    /** Every subscription, whatever its status; rows without plan code or quantity (see {@link #subscription}). */
    Future<ZohoOutcome<Page<Row>>> subscriptions(int page);

    Future<ZohoOutcome<Page<Row>>> invoices(int page);

    /** Every payment ({@code /transactions} of type payment): amount, status, reference number. */
    Future<ZohoOutcome<Page<Row>>> payments(int page);

    /** One subscription with its {@code plan_code} and {@code quantity}. */
    Future<ZohoOutcome<Row>> subscription(String subscriptionId);
}
