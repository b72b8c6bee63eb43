package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A Zoho Billing invoice (raised by a subscription or by hand). */
public record BillingInvoice(
        String invoiceId,
        String invoiceNumber,
        String customerId,
        String status,
        BigDecimal total,
        BigDecimal balance) {}
