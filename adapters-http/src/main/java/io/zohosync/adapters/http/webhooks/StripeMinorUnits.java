package io.zohosync.adapters.http.webhooks;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * How many decimals Stripe's integer {@code amount}s carry, per currency — Stripe's list, not ISO 4217's: source
 * https://docs.stripe.com/currencies ("Zero-decimal currencies", "Three-decimal currencies", "Special cases").
 * Zero-decimal: the amount is whole units. Three-decimal: thousandths. ISK and UGX became zero-decimal, but Stripe
 * still writes them with two decimals (5 ISK is 500), so they are two here although ISO says none; HUF and TWD are
 * zero-decimal only for payouts and charge in two decimals. Every other currency is two-decimal ("unless otherwise
 * specified"), even where ISO says otherwise (MGA is two in ISO, zero at Stripe).
 */
final class StripeMinorUnits {

    static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF");
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeMinorUnits() {}

    /** The decimals of Stripe's amounts in this (upper-case ISO 4217) currency; {@link IllegalArgumentException} for no currency. */
    static int decimals(String code) {
        if (!code.equals(code.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an upper-case currency code: " + code);
        }
        Currency.getInstance(code); // refuses a code that names no currency
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return THREE_DECIMAL.contains(code) ? 3 : 2;
    }

    /** Stripe's integer amount in minor units as the decimal amount in major units, every digit kept. */
    static BigDecimal major(BigDecimal minorUnits, String code) {
        return minorUnits.movePointLeft(decimals(code));
    }
}
