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
        JsonObject body =
                person(c).put("display_name", c.displayName()).put("notes", ZohoContacts.marker(c.platformId()));
        return api.call(
                ZohoRequest.post(ZohoProduct.BILLING, "/customers", body), r -> customer(r.getJsonObject("customer")));
    }

    @Override
    public Future<ZohoOutcome<BillingCustomer>> update(String customerId, Customer c) {
        return api.call(
                ZohoRequest.put(ZohoProduct.BILLING, "/customers/" + customerId, person(c)),
                r -> customer(r.getJsonObject("customer")));
    }

    @Override
    public Future<ZohoOutcome<BillingCustomer>> get(String customerId) {
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/customers/" + customerId),
                r -> customer(r.getJsonObject("customer")));
    }

    @Override
    public Future<ZohoOutcome<List<BillingCustomer>>> findByName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return api.call(
                ZohoRequest.get(ZohoProduct.BILLING, "/customers").param("display_name", name.trim()),
                r -> r.getJsonArray("customers", new JsonArray()).stream()
                        .map(JsonObject.class::cast)
                        .map(BillingCustomersClient::customer)
                        .filter(c -> c.displayName() != null
                                && c.displayName()
                                        .trim()
                                        .toLowerCase(Locale.ROOT)
                                        .equals(wanted))
                        .toList());
    }

    /** The list shows no notes: each customer with the email is read for its marker (usually one). */
    @Override
    public Future<ZohoOutcome<List<BillingCustomer>>> findByMarker(Customer customer) {
        String marker = ZohoContacts.marker(customer.platformId());
        return findByEmail(customer.email()).compose(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<BillingCustomer>> ok)) {
                return Future.succeededFuture(found);
            }
            List<Future<ZohoOutcome<JsonObject>>> reads = ok.value().stream()
                    .map(c -> api.call(
                            ZohoRequest.get(ZohoProduct.BILLING, "/customers/" + c.customerId()),
                            r -> r.getJsonObject("customer")))
                    .toList();
            return Future.all(reads).map(all -> {
                java.util.List<BillingCustomer> carrying = new java.util.ArrayList<>();
                for (Future<ZohoOutcome<JsonObject>> read : reads) {
                    ZohoOutcome<JsonObject> outcome = read.result();
                    if (!(outcome instanceof ZohoOutcome.Success<JsonObject> one)) {
                        return ZohoOutcome.<List<BillingCustomer>>retype(outcome);
                    }
                    if (carriesMarker(one.value().getString("notes"), marker)) {
                        carrying.add(customer(one.value()));
                    }
                }
                return new ZohoOutcome.Success<>(List.copyOf(carrying));
            });
        });
    }

    /** Exactly this marker as a word of the notes (not a longer id's that starts the same). */
    static boolean carriesMarker(String notes, String marker) {
        return notes != null
                && java.util.Arrays.asList(notes.trim().split("\\s+")).contains(marker);
    }

    private static JsonObject person(Customer c) {
        JsonObject body = ZohoJson.withoutNulls(new JsonObject()
                .put("email", c.email())
                .put("first_name", c.firstName())
                .put("last_name", c.lastName())
                .put("company_name", c.companyName())
                .put("phone", c.phone()));
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
        return body;
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
