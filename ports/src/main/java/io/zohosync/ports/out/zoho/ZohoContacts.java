package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import java.util.List;

/**
 * Outbound port: contacts in Zoho Books. Every contact the service creates carries its
 * platform marker (design.md §6) so an unknown outcome can be resolved by {@link #findByMarker}.
 */
public interface ZohoContacts {

    /** The marker written into the contact's notes for a platform id; searchable with {@code search_text}. */
    static String marker(String platformId) {
        return "zoho-sync:" + platformId;
    }

    /**
     * Creates the contact under {@code contactName} (the caller's naming policy), carrying the customer's marker. A
     * name Books already holds answers {@link ZohoOutcome.Duplicate} with no existing record: resolving it (our own
     * earlier create, or a namesake) is the caller's decision.
     */
    Future<ZohoOutcome<ZohoContact>> create(Customer customer, String contactName);

    /** Pushes a changed customer onto the contact it is linked to (name, company, primary person's email and phone). */
    Future<ZohoOutcome<ZohoContact>> update(String contactId, Customer customer);

    /**
     * Pushes a changed customer onto a contact whose name and primary person are known (the contact index): one PUT,
     * no read. The name is sent back as it is; the notes (our marker, or Zoho-side text) and every field the service
     * does not own are left out, so Books keeps them.
     */
    Future<ZohoOutcome<ZohoContact>> update(String contactId, String contactName, String personId, Customer customer);

    Future<ZohoOutcome<ZohoContact>> get(String contactId);

    /**
     * One page ({@code page} from 1) of 200 contacts; {@code newestFirst}: sorted by modification time, newest first
     * (to read only those modified since a refresh), else in Books' default order.
     */
    Future<ZohoOutcome<ContactsPage>> page(int page, boolean newestFirst);

    Future<ZohoOutcome<List<ZohoContact>>> findByEmail(String email);

    Future<ZohoOutcome<List<ZohoContact>>> findByName(String contactName);

    /** The contacts whose notes carry exactly this platform id's marker (not a longer id's that starts the same). */
    Future<ZohoOutcome<List<ZohoContact>>> findByMarker(String platformId);
}
