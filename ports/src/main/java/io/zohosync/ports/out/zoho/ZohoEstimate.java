package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A Books estimate (quote). */
public record ZohoEstimate(
        String estimateId,
        String estimateNumber,
        String referenceNumber,
        String customerId,
        String status,
        BigDecimal total) {}
