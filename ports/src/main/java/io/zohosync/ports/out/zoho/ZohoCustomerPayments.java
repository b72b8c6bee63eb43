package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.ZohoPaymentMode;
import java.util.List;

/** Outbound port: customer payments in Zoho Books, each applied to one invoice or, without one, unapplied (a credit). */
public interface ZohoCustomerPayments {

    /**
     * Records {@code payment} for the Zoho customer {@code customerId}, applied in full to the Zoho invoice
     * {@code invoiceId}, or unapplied (the customer's credit) when {@code invoiceId} is null.
     */
    Future<ZohoOutcome<ZohoPayment>> create(Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId);

    /** Changes the recorded payment {@code paymentId} to {@code payment} (amount, date, mode), applied as {@link #create} applies it. */
    Future<ZohoOutcome<ZohoPayment>> update(
            String paymentId, Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId);

    Future<ZohoOutcome<ZohoPayment>> get(String paymentId);

    Future<ZohoOutcome<List<ZohoPayment>>> findByReference(String referenceNumber);
}
