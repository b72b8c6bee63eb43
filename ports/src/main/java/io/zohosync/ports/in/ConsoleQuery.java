package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.out.zoho.ZohoContact;
import java.util.List;

/** Inbound port: what the operator's console shows beyond the sync status (design.md §11, issue 12). */
public interface ConsoleQuery {

    /** The health cards' figures now: outcomes of the last 24 hours, the queue's lag, the API budget used. */
    Future<Operations> operations();

    /** A record's page: platform data, Zoho links, source events, waits, admin actions. */
    Future<RecordHistory> history(EntityRef entity);

    /** The customer list with each customer's sync records, a page at a time. */
    Future<CustomerPage> customers(CustomerQuery query);

    /** Zoho Books contacts an admin could link a customer to: by email when {@code text} holds an @, else by name. */
    Future<ContactSearch> searchContacts(String text);

    /** What a contact search found, or why Zoho could not be asked. */
    sealed interface ContactSearch {
        record Found(List<ZohoContact> contacts) implements ContactSearch {}

        /** An outage, a spent budget, a refused token: nothing was found, try again later. */
        record Unavailable(String reason) implements ContactSearch {}
    }
}
