package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.ZohoPaymentMode;
import java.util.List;

/** Outbound port: customer payments in Zoho Books, each applied to one invoice. */
public interface ZohoCustomerPayments {

    /** Records {@code payment} against the Zoho invoice {@code invoiceId} of the Zoho customer {@code customerId}. */
    Future<ZohoOutcome<ZohoPayment>> create(Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId);

    Future<ZohoOutcome<List<ZohoPayment>>> findByReference(String referenceNumber);
}
