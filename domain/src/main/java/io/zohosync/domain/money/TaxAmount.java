package io.zohosync.domain.money;

/** Value: how much of one tax an invoice carries, and on what taxable amount. */
public record TaxAmount(TaxComponent tax, Money taxable, Money amount) {}
