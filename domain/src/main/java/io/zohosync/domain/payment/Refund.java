package io.zohosync.domain.payment;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;
import java.time.LocalDate;

/**
 * Domain entity: money paid back to a customer against one of their payments; in Zoho Books a refund whose
 * reference number is the provider's refund id. It goes back the way the payment came (the payment's mode, from the
 * account it was deposited to). Once booked a refund is a fact: it is never rewritten.
 */
public record Refund(String providerRefundId, String paymentId, Money amount, LocalDate date, String reason) {

    /** Books' reference_number holds at most 100 characters (customer-payments.yml). */
    public static final int MAX_REFERENCE = 100;
    /** A refund's reason is its Books description. */
    public static final int MAX_REASON = 500;
    /** What is said of an amount that is not more than zero. */
    public static final String NOT_POSITIVE = "must be positive";

    public Refund {
        new Checks()
                .required("provider_refund_id", providerRefundId)
                .maxLength("provider_refund_id", providerRefundId, MAX_REFERENCE)
                .required("payment_id", paymentId)
                .rule(amount != null && amount.isPositive(), "amount", NOT_POSITIVE)
                .rule(date != null, "date", "is required")
                .maxLength("reason", reason, MAX_REASON)
                .throwIfAny();
        reason = reason == null || reason.isBlank() ? null : reason;
    }

    /** The marker Zoho keeps in {@code reference_number}. */
    public String referenceNumber() {
        return providerRefundId;
    }
}
