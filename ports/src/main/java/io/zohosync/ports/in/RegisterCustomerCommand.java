package io.zohosync.ports.in;

import io.zohosync.domain.customer.Customer;

/**
 * Command: a platform tells us about a customer. {@code idempotencyKey} is the caller's
 * {@code Idempotency-Key} (may be null); {@code payloadHash} identifies the request body so a
 * reused key with a different body can be refused.
 */
public record RegisterCustomerCommand(Customer customer, String idempotencyKey, String payloadHash) {

    public RegisterCustomerCommand {
        if (customer == null) {
            throw new IllegalArgumentException("customer is required");
        }
        if (idempotencyKey != null && payloadHash == null) {
            throw new IllegalArgumentException("an idempotency key needs the payload hash");
        }
    }
}
