package io.zohosync.ports.out.zoho;

import java.math.BigDecimal;

/** A Books customer payment: its reference number is the payment provider's id. */
public record ZohoPayment(
        String paymentId, String referenceNumber, String customerId, BigDecimal amount, String invoiceId) {}
