package io.zohosync.ports.in;

import io.vertx.core.Future;

/** Inbound port: record a platform customer durably and queue its sync to Zoho. */
public interface RegisterCustomerUseCase {

    Future<CustomerRegistration> register(RegisterCustomerCommand command);
}
