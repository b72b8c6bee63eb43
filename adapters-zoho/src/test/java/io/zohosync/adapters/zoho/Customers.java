package io.zohosync.adapters.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.ports.out.zoho.ZohoContact;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;

/** Test data: a customer of the platform whose ids, name and email all carry {@code suffix}, so tests never collide. */
public final class Customers {

    private Customers() {}

    public static Customer customer(String suffix) {
        return new Customer(
                "cust-" + suffix,
                "Ada",
                "Lovelace " + suffix,
                "ada." + suffix + "@example.com",
                "+27 21 555 0100",
                null,
                new Address("1 Main Road", null, "Cape Town", "WC", "8001", "ZA"),
                CustomerKind.NEW);
    }

    /** Creates the customer's contact under its display name, as the customer flow does for a new name. */
    public static Future<ZohoOutcome<ZohoContact>> createContact(ZohoContacts contacts, Customer customer) {
        return contacts.create(customer, customer.displayName());
    }
}
