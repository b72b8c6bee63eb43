package io.zohosync.domain.payment;

/** The payment modes Zoho Books accepts on a customer payment (zoho-api.md §2.7). */
public enum ZohoPaymentMode {
    CHECK("check"),
    CASH("cash"),
    CREDIT_CARD("creditcard"),
    BANK_TRANSFER("banktransfer"),
    BANK_REMITTANCE("bankremittance"),
    AUTO_TRANSACTION("autotransaction"),
    OTHERS("others");

    private final String zohoName;

    ZohoPaymentMode(String zohoName) {
        this.zohoName = zohoName;
    }

    /** The value Zoho expects in {@code payment_mode}. */
    public String zohoName() {
        return zohoName;
    }
}
