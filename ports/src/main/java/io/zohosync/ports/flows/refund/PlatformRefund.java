package io.zohosync.ports.flows.refund;

import io.zohosync.domain.payment.Refund;

/**
 * A refund as the platform names it: its platform id (the sync record's key, and the number of the Books credit note
 * a refund of an invoiced payment raises) and the domain refund, whose reference number is the provider's refund id,
 * or the platform id when the provider gave none.
 */
public record PlatformRefund(String id, Refund refund) {}
