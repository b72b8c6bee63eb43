package io.zohosync.ports.out.zoho;

import java.time.LocalDate;

/** A Zoho Billing subscription: {@code referenceId} carries the platform's subscription id. */
public record BillingSubscription(
        String subscriptionId,
        String referenceId,
        String customerId,
        String planCode,
        String status,
        LocalDate nextBillingAt,
        LocalDate currentTermEndsAt) {}
