package io.zohosync.ports.flows.payment;

import io.zohosync.domain.payment.Payment;

/**
 * A payment as the platform names it: its platform id (the sync record's key) and the domain payment, whose
 * reference number is the provider's payment id, or the platform id when the provider gave none.
 */
public record PlatformPayment(String id, Payment payment) {}
