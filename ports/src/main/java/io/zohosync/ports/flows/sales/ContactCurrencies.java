package io.zohosync.ports.flows.sales;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.out.zoho.ContactIndex;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.Match;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The currency each customer's Books contact is billed in: Books invoices (and quotes) a contact only in its
 * currency, so a document in another one is refused before it is written, with a reason an admin can act on. The
 * contact is read once and its currency kept while documents agree with it; a mismatch forgets it, so a retry after
 * the contact was corrected in Books reads it again.
 */
public final class ContactCurrencies {

    private record Known(String contactId, String currencyCode) {}

    private final ZohoContacts contacts;
    private final ContactIndex index;
    private final Map<String, Known> byCustomer = new ConcurrentHashMap<>();

    public ContactCurrencies(ZohoContacts contacts) {
        this(contacts, null);
    }

    /**
     * {@code index}: the contact index (issue 14), whose currency for a contact — from the contact's create, or a
     * list row — stands for a read; null: the contact is read.
     */
    public ContactCurrencies(ZohoContacts contacts, ContactIndex index) {
        this.contacts = contacts;
        this.index = index;
    }

    /**
     * Whether the customer's contact currency is known without a Zoho call (with the index, assumed: a contact it
     * holds no currency of is read, a call beyond the planned ones).
     */
    public boolean known(String customerId) {
        return index != null || byCustomer.containsKey(customerId);
    }

    /**
     * Create when {@code currency} is the contact's; otherwise the sync fails saying so. {@code kind} and {@code id}
     * name the document checked ("order", "ENR-1").
     */
    public Future<ZohoOutcome<Match>> check(String customerId, String kind, String id, Currency currency, Links links) {
        String contactId = links.zohoId(new EntityRef(EntityType.CUSTOMER, customerId));
        Known known = byCustomer.get(customerId);
        if (known != null && known.contactId().equals(contactId)) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(compare(customerId, kind, id, currency, known)));
        }
        if (index == null) {
            return read(customerId, kind, id, currency, contactId);
        }
        return index.byId(contactId)
                .recover(e -> Future.succeededFuture(java.util.Optional.empty()))
                // a currency that differs is read again from Books: the index may predate a correction there
                .compose(entry -> entry.isPresent()
                                && currency.getCurrencyCode()
                                        .equalsIgnoreCase(entry.get().currencyCode())
                        ? Future.succeededFuture(new ZohoOutcome.Success<>(compare(
                                customerId,
                                kind,
                                id,
                                currency,
                                new Known(contactId, entry.get().currencyCode()))))
                        : read(customerId, kind, id, currency, contactId));
    }

    private Future<ZohoOutcome<Match>> read(
            String customerId, String kind, String id, Currency currency, String contactId) {
        return contacts.get(contactId).map(read -> {
            if (!(read instanceof ZohoOutcome.Success<ZohoContact> ok)) {
                return ZohoOutcome.retype(read);
            }
            if (index != null) {
                index.put(List.of(ok.value().entry()));
            }
            if (ok.value().currencyCode() == null) {
                return new ZohoOutcome.Success<>(Match.CREATE); // Books always says; nothing to hold against it
            }
            return new ZohoOutcome.Success<>(compare(
                    customerId,
                    kind,
                    id,
                    currency,
                    new Known(contactId, ok.value().currencyCode())));
        });
    }

    private Match compare(String customerId, String kind, String id, Currency currency, Known contact) {
        if (contact.currencyCode().equalsIgnoreCase(currency.getCurrencyCode())) {
            byCustomer.put(customerId, contact);
            return Match.CREATE;
        }
        byCustomer.remove(customerId);
        return new Match.Settled(
                new SyncEvent.PermanentFailure("customer " + customerId + " is billed in " + contact.currencyCode()
                        + " in Books (contact " + contact.contactId() + "); " + kind + " " + id + " is in "
                        + currency.getCurrencyCode() + ", and Books bills a contact only in its currency: send the "
                        + kind + " in " + contact.currencyCode()
                        + ", or change the contact's currency in Books (possible while it has no transactions)"
                        + " and retry"),
                "currency_mismatch");
    }
}
