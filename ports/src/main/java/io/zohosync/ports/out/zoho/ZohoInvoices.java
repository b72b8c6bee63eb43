package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.invoice.Invoice;
import java.util.List;

/**
 * Outbound port: invoices in Zoho Books. An invoice with a number is created under that number (Zoho's
 * auto-numbering off); its reference number always carries the platform id, so it can be found again.
 */
public interface ZohoInvoices {

    Future<ZohoOutcome<ZohoInvoice>> create(Invoice invoice, ZohoLinks links);

    /**
     * Creates the invoice of an accepted estimate (Books' {@code invoiced_estimate_id}): tied to it in Books, which
     * marks the estimate invoiced.
     */
    Future<ZohoOutcome<ZohoInvoice>> createFromEstimate(Invoice invoice, ZohoLinks links, String estimateId);

    /** Replaces the invoice's customer, dates, lines and tax treatment with the entity's; its number stays. */
    Future<ZohoOutcome<ZohoInvoice>> update(String invoiceId, Invoice invoice, ZohoLinks links);

    Future<ZohoOutcome<ZohoInvoice>> get(String invoiceId);

    Future<ZohoOutcome<List<ZohoInvoice>>> findByNumber(String invoiceNumber);

    Future<ZohoOutcome<List<ZohoInvoice>>> findByReference(String referenceNumber);

    Future<ZohoOutcome<ZohoInvoice>> markSent(String invoiceId);
}
