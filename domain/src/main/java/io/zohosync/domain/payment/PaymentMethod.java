package io.zohosync.domain.payment;

/** How the platform was paid, as the provider reports it. */
public enum PaymentMethod {
    STRIPE,
    NETCASH,
    EFT,
    CARD,
    CASH
}
