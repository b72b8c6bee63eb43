package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A Books invoice as the core needs to see it: ids, numbers, status and amounts. */
public record ZohoInvoice(
        String invoiceId,
        String invoiceNumber,
        String referenceNumber,
        String customerId,
        String status,
        BigDecimal total,
        BigDecimal balance) {}
