package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import java.util.List;

/** Outbound port: customers in Zoho Billing; each carries its platform marker in its notes. */
public interface ZohoBillingCustomers {

    Future<ZohoOutcome<BillingCustomer>> create(Customer customer);

    /** Customers whose email equals {@code email} (trimmed, ignoring case). */
    Future<ZohoOutcome<List<BillingCustomer>>> findByEmail(String email);
}
