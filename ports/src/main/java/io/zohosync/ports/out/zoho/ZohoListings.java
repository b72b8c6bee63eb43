package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.util.List;

/**
 * Outbound port: Books' objects a page at a time (200 to a page), for reconciliation: reading N objects costs about
 * N/200 calls rather than one each. List rows carry no notes: a contact's marker is read with {@link ZohoContacts#get}.
 */
public interface ZohoListings {

    /** One page of rows; {@code more} when Zoho has another after it. */
    record Page<T>(List<T> rows, boolean more) {
        public Page {
            rows = List.copyOf(rows);
        }
    }

    /** Every contact, active or not; page 1 first. */
    Future<ZohoOutcome<Page<ZohoContact>>> contacts(int page);

    /** The contacts whose name or notes mention {@code text} (Books' {@code search_text}: loose, hits are re-read). */
    Future<ZohoOutcome<Page<ZohoContact>>> contactsMentioning(String text, int page);

    /** Every item, active or not. */
    Future<ZohoOutcome<Page<ZohoItem>>> items(int page);

    /** Every invoice, whatever its status. */
    Future<ZohoOutcome<Page<ZohoInvoice>>> invoices(int page);

    /** Every customer payment (rows carry no reference number). */
    Future<ZohoOutcome<Page<ZohoPayment>>> payments(int page);
}
