package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * Inbound port: a Zoho Billing hosted page on which a customer enters their card (the service never sees it): to
 * replace the card of a subscription ({@code update_card}), or to pay the first invoice of a new one
 * ({@code new_subscription}).
 */
public interface PaymentMethodUseCase {

    /**
     * What the platform asked for: the customer, {@code update_card} or {@code new_subscription}, its service, where
     * Zoho returns the customer; {@code wireErrors}: what the wire form already found wrong (unknown fields, types).
     */
    record Request(
            String customerId, String purpose, String serviceId, String redirectUrl, List<FieldError> wireErrors) {

        public Request {
            wireErrors = wireErrors == null ? List.of() : List.copyOf(wireErrors);
        }
    }

    sealed interface Result {
        /** The page to send the customer to, until {@code expiresAt}. */
        record Opened(String url, Instant expiresAt, String hostedPageId) implements Result {}

        /** The request breaks a rule; nothing was asked of Zoho. */
        record Invalid(List<FieldError> errors) implements Result {}

        /** Refused as things stand ({@code customer_not_in_billing}, {@code service_not_found}…): a stable code and why. */
        record Refused(int status, String code, String message) implements Result {}
    }

    Future<Result> open(Request request);
}
