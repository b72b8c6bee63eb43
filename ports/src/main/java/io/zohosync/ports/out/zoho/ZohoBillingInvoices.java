package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.invoice.ManualInvoice;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.ZohoPaymentMode;
import java.util.List;

/** Outbound port: invoices and payments in Zoho Billing. */
public interface ZohoBillingInvoices {

    Future<ZohoOutcome<BillingInvoice>> get(String invoiceId);

    Future<ZohoOutcome<List<BillingInvoice>>> findBySubscription(String subscriptionId);

    /** Records an offline payment applied to the Billing invoice {@code invoiceId}; reference number = provider id. */
    Future<ZohoOutcome<String>> recordPayment(
            Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId);

    /** Creates a manual invoice for the Billing customer {@code customerId}; reference number = the platform id. */
    Future<ZohoOutcome<BillingInvoice>> create(ManualInvoice invoice, String customerId);

    /** The customer's invoices whose reference number is {@code referenceNumber}. */
    Future<ZohoOutcome<List<BillingInvoice>>> findByReference(String customerId, String referenceNumber);

    /**
     * Records an offline payment for the customer, applied in full to {@code invoiceId}, or, when it is null, kept
     * unapplied as the customer's credit; reference number = the provider's id.
     */
    Future<ZohoOutcome<BillingPayment>> createPayment(
            Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId);

    Future<ZohoOutcome<BillingPayment>> getPayment(String paymentId);

    /** The customer's payments (Billing's list carries their reference numbers). */
    Future<ZohoOutcome<List<BillingPayment>>> paymentsOf(String customerId);
}
