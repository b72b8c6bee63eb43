package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import java.util.List;

/** Outbound port: customers in Zoho Billing; each carries its platform marker in its notes. */
public interface ZohoBillingCustomers {

    Future<ZohoOutcome<BillingCustomer>> create(Customer customer);

    /** Customers whose email equals {@code email} (trimmed, ignoring case). */
    Future<ZohoOutcome<List<BillingCustomer>>> findByEmail(String email);

    /** Customers whose display name equals {@code name} (trimmed, ignoring case): returning customers' second search. */
    Future<ZohoOutcome<List<BillingCustomer>>> findByName(String name);

    /**
     * Customers carrying the platform id's marker ({@code zoho-sync:<id>}) in their notes, looked for among those with
     * the customer's email: what an unconfirmed create left.
     */
    Future<ZohoOutcome<List<BillingCustomer>>> findByMarker(Customer customer);

    Future<ZohoOutcome<BillingCustomer>> get(String customerId);

    /** Person, company, phone and billing address; the display name and notes stay Billing's. */
    Future<ZohoOutcome<BillingCustomer>> update(String customerId, Customer customer);
}
