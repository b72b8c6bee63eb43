package io.zohosync.adapters.zoho.billing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zohosync.adapters.zoho.call.ZohoApi;
import io.zohosync.adapters.zoho.call.ZohoJson;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.customer.Customer;
import io.zohosync.ports.out.zoho.BillingCustomer;
import io.zohosync.ports.out.zoho.ZohoBillingCustomers;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.List;
import java.util.Locale;

/** Zoho Billing adapter for {@link ZohoBillingCustomers}: {@code /billing/v1/customers}. */
public final class BillingCustomersClient implements ZohoBillingCustomers {

    private final ZohoApi api;

    public BillingCustomersClient(ZohoApi api) {
        this.api = api;
    }

    @Override
    public Future<ZohoOutcome<BillingCustomer>> create(Customer c) {
        JsonObject body = ZohoJson.withoutNulls(new JsonObject()
                .put("display_name", c.displayName())
                .put("email", c.email())
                .put("first_name", c.firstName())
                .put("last_name", c.lastName())
                .put("company_name", c.companyName())
                .put("phone", c.phone())
                .put("notes", ZohoContacts.marker(c.platformId())));
        if (!c.billingAddress().isEmpty()) {
            body.put(
                    "billing_address",
                    ZohoJson.withoutNulls(new JsonObject()
                            .put("street", c.billingAddress().street())
                            .put("city", c.billingAddress().city())
                            .put("state", c.billingAddress().state())
                            .put("zip", c.billingAddress().zip())
                            .put("country", c.billingAddress().country())));
        }
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/customers", body), r -> customer(r.getJsonObject("customer")));
    }

    @Override
    public Future<ZohoOutcome<List<BillingCustomer>>> findByEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/customers").param("email", email.trim()),
                r -> r.getJsonArray("customers", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BillingCustomersClient::customer)
                        .filter(c -> c.email() != null
                                && c.email().trim().toLowerCase(Locale.ROOT).equals(wanted))
                        .toList());
    }

    static BillingCustomer customer(JsonObject c) {
        return new BillingCustomer(c.getString("customer_id"), c.getString("display_name"), c.getString("email"));
    }
}
