package io.zohosync.domain.payment;

import java.util.EnumMap;
import java.util.Map;

/** Domain rule: which Zoho payment mode each provider's payments are booked under; overridable per deployment. */
public record PaymentModeMapping(Map<PaymentMethod, ZohoPaymentMode> modes) {

    /** Stripe and card as credit card, NetCash and EFT as bank transfer, cash as cash. */
    public static final PaymentModeMapping DEFAULT = new PaymentModeMapping(Map.of(
            PaymentMethod.STRIPE, ZohoPaymentMode.CREDIT_CARD,
            PaymentMethod.CARD, ZohoPaymentMode.CREDIT_CARD,
            PaymentMethod.NETCASH, ZohoPaymentMode.BANK_TRANSFER,
            PaymentMethod.EFT, ZohoPaymentMode.BANK_TRANSFER,
            PaymentMethod.CASH, ZohoPaymentMode.CASH));

    public PaymentModeMapping {
        modes = Map.copyOf(modes);
    }

    /** The mode for a method; a method nobody mapped is booked as "others". */
    public ZohoPaymentMode modeFor(PaymentMethod method) {
        return modes.getOrDefault(method, ZohoPaymentMode.OTHERS);
    }

    public PaymentModeMapping with(PaymentMethod method, ZohoPaymentMode mode) {
        Map<PaymentMethod, ZohoPaymentMode> copy = new EnumMap<>(PaymentMethod.class);
        copy.putAll(modes);
        copy.put(method, mode);
        return new PaymentModeMapping(copy);
    }
}
