package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Customer;
import io.zohosync.ports.in.CustomerRegistration;
import io.zohosync.ports.in.RegisterCustomerCommand;
import java.time.Instant;
import java.util.Optional;

/** Outbound port: durable storage of platform customers, each change queued for sync in the same transaction. */
public interface CustomerStore {

    /** Stores the customer, its sync record and a (coalesced) job in one transaction; honours the idempotency key. */
    Future<CustomerRegistration> saveAndEnqueue(RegisterCustomerCommand command, String target, Instant now);

    Future<Optional<Customer>> find(String platformId);
}
