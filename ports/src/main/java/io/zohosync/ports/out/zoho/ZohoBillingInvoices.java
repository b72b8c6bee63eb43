package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
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
}
