package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.ports.out.zoho.HostedPage;
import io.zohosync.ports.out.zoho.ZohoBillingPages;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;

/** Zoho Billing adapter for {@link ZohoBillingPages}: {@code POST /billing/v1/hostedpages/updatecard}. */
public final class BillingPagesClient implements ZohoBillingPages {

    private final ZohoApi api;

    public BillingPagesClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<HostedPage>> updateCardPage(String subscriptionId, String redirectUrl) {
        JsonObject body = new JsonObject().put("subscription_id", subscriptionId);
        if (redirectUrl != null) {
            body.put("redirect_url", redirectUrl);
        }
        return api.call(ZohoRequest.post(ZohoProduct.BILLING, "/hostedpages/updatecard", body), r -> {
            JsonObject page = r.getJsonObject("hostedpage", new JsonObject());
            return new HostedPage(
                    page.getString("hostedpage_id"),
                    page.getString("url"),
                    page.getString("status"),
                    page.getString("expiring_time"));
        });
    }
}
