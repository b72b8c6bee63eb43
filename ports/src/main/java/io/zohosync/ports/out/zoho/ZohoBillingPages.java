package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;

/** Outbound port: Billing hosted pages beyond a subscription's checkout: the customer's card for an existing subscription. */
public interface ZohoBillingPages {

    /** A hosted page on which the customer replaces the card of the Billing subscription {@code subscriptionId}. */
    Future<ZohoOutcome<HostedPage>> updateCardPage(String subscriptionId, String redirectUrl);
}
