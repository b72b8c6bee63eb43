package io.zohosync.domain.payment;

import io.zohosync.domain.common.Checks;
import io.zohosync.domain.money.Money;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Domain entity: a completed payment; a Zoho customer payment whose reference number is the
 * provider's payment id, applied in full to its invoice or, without one, standalone (an advance).
 */
public record Payment(
        String providerPaymentId,
        PaymentMethod method,
        String customerId,
        String invoiceId,
        Money amount,
        LocalDate date) {

    public Payment {
        new Checks()
                .required("provider_payment_id", providerPaymentId)
                .maxLength("provider_payment_id", providerPaymentId, 100)
                .rule(method != null, "payment_method", "is required")
                .required("customer_id", customerId)
                .rule(amount != null && amount.isPositive(), "amount", "must be positive")
                .rule(date != null, "date", "is required")
                .throwIfAny();
        invoiceId = invoiceId == null || invoiceId.isBlank() ? null : invoiceId;
    }

    /** The marker Zoho keeps in {@code reference_number}. */
    public String referenceNumber() {
        return providerPaymentId;
    }

    /** The platform invoice the payment settles; empty for a standalone payment. */
    public Optional<String> appliedTo() {
        return Optional.ofNullable(invoiceId);
    }

    public ZohoPaymentMode zohoMode(PaymentModeMapping mapping) {
        return mapping.modeFor(method);
    }
}
