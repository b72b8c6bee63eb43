package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;
import java.util.List;

/** A Zoho Billing payment: its reference number (the provider's id), the invoices it was applied to and what is left unused (the customer's credit). */
public record BillingPayment(
        String paymentId,
        String referenceNumber,
        String status,
        BigDecimal amount,
        String currency,
        List<String> invoiceIds) {

    public BillingPayment {
        invoiceIds = invoiceIds == null ? List.of() : List.copyOf(invoiceIds);
    }
}
