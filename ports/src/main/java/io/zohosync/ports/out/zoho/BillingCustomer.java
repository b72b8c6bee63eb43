package io.zohosync.ports.out.zoho;

/** A Zoho Billing customer as the core needs to see it. */
public record BillingCustomer(String customerId, String displayName, String email) {}
