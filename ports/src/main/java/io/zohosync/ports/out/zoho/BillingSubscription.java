package io.zohosync.ports.out.zoho;

import io.zohosync.domain.subscription.Addon;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A Zoho Billing subscription: {@code referenceId} carries the platform's subscription id; with the plan's quantity,
 * the addons, the amount per term, the current term and Zoho's last update time where its answer names them.
 */
public record BillingSubscription(
        String subscriptionId,
        String referenceId,
        String customerId,
        String planCode,
        String status,
        LocalDate nextBillingAt,
        LocalDate currentTermEndsAt,
        int quantity,
        List<Addon> addons,
        BigDecimal amount,
        String currency,
        LocalDate currentTermStartsAt,
        Instant updatedAt) {

    public BillingSubscription {
        addons = addons == null ? List.of() : List.copyOf(addons);
    }

    public BillingSubscription(
            String subscriptionId,
            String referenceId,
            String customerId,
            String planCode,
            String status,
            LocalDate nextBillingAt,
            LocalDate currentTermEndsAt) {
        this(
                subscriptionId,
                referenceId,
                customerId,
                planCode,
                status,
                nextBillingAt,
                currentTermEndsAt,
                1,
                List.of(),
                null,
                null,
                null,
                null);
    }
}
