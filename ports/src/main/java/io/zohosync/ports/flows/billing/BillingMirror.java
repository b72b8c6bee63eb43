package io.zohosync.ports.flows.billing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import io.zohosync.ports.out.zoho.BillingInvoice;
import io.zohosync.ports.out.zoho.BillingPayment;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What Billing answered of an invoice or a payment, mirrored on its sync record ({@link ZohoStates}) with source
 * {@code sync}; a mirror that fails does not fail the write, which Zoho has already made.
 */
final class BillingMirror {

    private final ZohoStates states;
    private final Clock clock;

    BillingMirror(ZohoStates states, Clock clock) {
        this.states = states;
        this.clock = clock;
    }

    /** Mirrors the invoice and answers its Billing id. */
    Future<ZohoOutcome<String>> invoice(String platformId, String currency, ZohoOutcome<BillingInvoice> outcome) {
        if (!(outcome instanceof ZohoOutcome.Success<BillingInvoice> ok)) {
            return Future.succeededFuture(ZohoOutcome.retype(outcome));
        }
        BillingInvoice invoice = ok.value();
        Map<String, Object> details = new HashMap<>();
        put(details, "invoice_id", invoice.invoiceId());
        put(details, "invoice_number", invoice.invoiceNumber());
        put(details, "customer_id", invoice.customerId());
        put(details, "total", amount(invoice.total(), currency));
        put(details, "balance", amount(invoice.balance(), currency));
        put(details, "currency", currency);
        return keep(EntityType.MANUAL_INVOICE, platformId, status(invoice.status()), details, invoice.invoiceId());
    }

    /** Mirrors the payment and answers its Billing id. */
    Future<ZohoOutcome<String>> payment(String platformId, ZohoOutcome<BillingPayment> outcome) {
        if (!(outcome instanceof ZohoOutcome.Success<BillingPayment> ok)) {
            return Future.succeededFuture(ZohoOutcome.retype(outcome));
        }
        BillingPayment payment = ok.value();
        Map<String, Object> details = new HashMap<>();
        put(details, "payment_id", payment.paymentId());
        put(details, "reference_number", payment.referenceNumber());
        put(details, "amount", amount(payment.amount(), payment.currency()));
        put(details, "currency", payment.currency());
        details.put("invoice_ids", payment.invoiceIds());
        details.put("applied", !payment.invoiceIds().isEmpty());
        // Billing says "success" of a recorded offline payment; the mirror's word for it is "recorded"
        String status = payment.status() == null || payment.status().equals("success") ? "recorded" : payment.status();
        return keep(EntityType.PAYMENT, platformId, status, details, payment.paymentId());
    }

    private Future<ZohoOutcome<String>> keep(
            EntityType type, String platformId, String status, Map<String, Object> details, String zohoId) {
        ZohoState state = new ZohoState(status, details, clock.instant(), "sync");
        return states.mirror(new SyncKey(type, platformId, SyncTarget.BILLING), state)
                .otherwise(false)
                .map(kept -> new ZohoOutcome.Success<>(zohoId));
    }

    /** Billing answers amounts as doubles (249.0): kept as the currency writes them (249.00). */
    private static String amount(java.math.BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        try {
            int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
            return amount.setScale(
                            Math.max(digits, amount.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                    .toPlainString();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            return amount.toPlainString();
        }
    }

    private static String status(String status) {
        return status == null || status.isBlank() ? "unknown" : status;
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
