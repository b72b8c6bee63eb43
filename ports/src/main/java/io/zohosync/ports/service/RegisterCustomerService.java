package io.zohosync.ports.service;

import io.vertx.core.Future;
import io.zohosync.ports.in.CustomerRegistration;
import io.zohosync.ports.in.RegisterCustomerCommand;
import io.zohosync.ports.in.RegisterCustomerUseCase;
import io.zohosync.ports.out.CustomerStore;
import java.time.Clock;

/** Use case: store a platform customer and queue its contact sync, in one transaction. */
public final class RegisterCustomerService implements RegisterCustomerUseCase {

    /** The Zoho target a customer syncs to (a Books contact). */
    public static final String TARGET = "books";

    private final CustomerStore customers;
    private final Clock clock;

    public RegisterCustomerService(CustomerStore customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    @Override
    public Future<CustomerRegistration> register(RegisterCustomerCommand command) {
        return customers.saveAndEnqueue(command, TARGET, clock.instant());
    }
}
