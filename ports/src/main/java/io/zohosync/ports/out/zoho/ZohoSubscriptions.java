package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.domain.subscription.SubscriptionChange;
import java.util.List;

/**
 * Outbound port: subscriptions in Zoho Billing. A subscription carries the platform id as {@code reference_id},
 * so an unknown outcome is resolved with {@link #findByReference}.
 */
public interface ZohoSubscriptions {

    /** Creates {@code subscription} for the Billing customer {@code customerId}, collected offline (no card). */
    Future<ZohoOutcome<BillingSubscription>> create(Subscription subscription, String customerId);

    Future<ZohoOutcome<BillingSubscription>> get(String subscriptionId);

    /** The customer's subscriptions whose reference id is {@code referenceId}. */
    Future<ZohoOutcome<List<BillingSubscription>>> findByReference(String customerId, String referenceId);

    /**
     * Applies a plan change (plan, quantity, addons; now or at term end) or a cancellation (now or at term end)
     * to the Zoho subscription {@code subscriptionId}. A {@link SubscriptionChange.Create} is refused: use {@link #create}.
     */
    Future<ZohoOutcome<BillingSubscription>> change(String subscriptionId, SubscriptionChange change);

    /** Reverses a cancellation at term end: a {@code non_renewing} subscription is {@code live} again. */
    Future<ZohoOutcome<BillingSubscription>> reactivate(String subscriptionId);

    /** A hosted page on which the customer starts {@code subscription} with their card; Zoho returns them to {@code redirectUrl}. */
    Future<ZohoOutcome<HostedPage>> newSubscriptionPage(
            Subscription subscription, String customerId, String redirectUrl);
}
