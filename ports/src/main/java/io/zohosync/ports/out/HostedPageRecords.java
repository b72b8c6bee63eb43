package io.zohosync.ports.out;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/**
 * Outbound port: the Billing hosted pages the service opened, each with the customer and service it is for, so that
 * Billing's word of its completion (a webhook naming the hosted page id) can be matched to them.
 */
public interface HostedPageRecords {

    /** One page the service opened; {@code serviceId} absent when it is for no service; {@code expiresAt} as Zoho said. */
    record HostedPageRecord(
            String hostedPageId,
            String customerId,
            String serviceId,
            String purpose,
            String url,
            Instant expiresAt,
            Instant createdAt) {}

    Future<Void> record(HostedPageRecord page);

    Future<Optional<HostedPageRecord>> find(String hostedPageId);
}
