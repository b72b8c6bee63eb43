package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentMethod;
import io.zohosync.domain.payment.ZohoPaymentMode;
import io.zohosync.domain.subscription.Addon;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.domain.subscription.SubscriptionChange;
import io.zohosync.domain.subscription.SubscriptionChange.Timing;
import io.zohosync.ports.out.zoho.BillingCustomer;
import io.zohosync.ports.out.zoho.BillingInvoice;
import io.zohosync.ports.out.zoho.BillingSubscription;
import io.zohosync.ports.out.zoho.HostedPage;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Billing customers, subscriptions, hosted pages, invoices and payments against a small fake of Billing v1. */
@ExtendWith(VertxExtension.class)
class BillingClientsTest {

    private static final String ORG_HEADER = "x-com-zoho-subscriptions-organizationid";
    FakeZoho fake;
    private ZohoAdapters zoho;
    private final Map<String, JsonObject> customers = new LinkedHashMap<>();
    private final Map<String, JsonObject> subscriptions = new LinkedHashMap<>();

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeZoho.start(vertx);
        String root = "/billing/v1";
        fake.router.route(root + "/*").handler(this::requireOrganization);
        fake.router.post(root + "/customers").handler(this::createCustomer);
        fake.router
                .get(root + "/customers")
                .handler(rc -> list(
                        rc,
                        "customers",
                        customers.values().stream()
                                .filter(c -> c.getString("email")
                                        .equalsIgnoreCase(rc.request().getParam("email")))
                                .toList()));
        fake.router.post(root + "/subscriptions").handler(this::createSubscription);
        fake.router
                .get(root + "/subscriptions")
                .handler(rc -> list(
                        rc,
                        "subscriptions",
                        subscriptions.values().stream()
                                .filter(s -> s.getString("customer_id")
                                        .equals(rc.request().getParam("customer_id")))
                                .toList()));
        fake.router
                .get(root + "/subscriptions/:id")
                .handler(rc -> reply(rc, 200, "success", "subscription", subscriptions.get(rc.pathParam("id"))));
        fake.router.put(root + "/subscriptions/:id").handler(this::updateSubscription);
        fake.router.post(root + "/subscriptions/:id/cancel").handler(this::cancel);
        fake.router
                .post(root + "/hostedpages/newsubscription")
                .handler(rc -> reply(
                        rc,
                        201,
                        "Hosted page has been created.",
                        "hostedpage",
                        new JsonObject()
                                .put("hostedpage_id", "2-abc")
                                .put("status", "fresh")
                                .put("url", "https://billing.zoho.com/hostedpage/2-abc/checkout")
                                .put("expiring_time", "2026-11-23T01:00:00+0000")));
        fake.router
                .get(root + "/invoices")
                .handler(rc -> list(
                        rc,
                        "invoices",
                        List.of(invoice("sub-1".equals(rc.request().getParam("subscription_id")) ? 0 : 1))));
        fake.router.get(root + "/invoices/:id").handler(rc -> reply(rc, 200, "success", "invoice", invoice(0)));
        fake.router
                .post(root + "/payments")
                .handler(rc -> reply(
                        rc,
                        201,
                        "The payment has been recorded.",
                        "payment",
                        new JsonObject()
                                .put("payment_id", "pay-1")
                                .put(
                                        "reference_number",
                                        rc.body().asJsonObject().getString("reference_number"))));
        zoho = ZohoAdapters.create(
                vertx,
                SandboxFixture.settings(fake.baseUrl())
                        .requestTimeout(Duration.ofSeconds(2))
                        .build(),
                ZohoAdapters.inMemoryTokenStore());
    }

    @AfterEach
    void stop() {
        zoho.close();
        fake.close();
    }

    private void requireOrganization(RoutingContext rc) {
        if (!SandboxOptions.DEMO_ORGANIZATION_ID.equals(rc.request().getHeader(ORG_HEADER))
                || rc.request().getParam("organization_id") != null) {
            FakeZoho.json(rc, 400, new JsonObject().put("code", 6041).put("message", "organization id missing"));
            return;
        }
        rc.next();
    }

    private void createCustomer(RoutingContext rc) {
        JsonObject c = rc.body().asJsonObject().copy().put("customer_id", "cus-" + (customers.size() + 1));
        customers.put(c.getString("customer_id"), c);
        reply(rc, 201, "The customer has been created.", "customer", c);
    }

    private void createSubscription(RoutingContext rc) {
        JsonObject body = rc.body().asJsonObject();
        if (!customers.containsKey(body.getString("customer_id"))) {
            FakeZoho.json(
                    rc, 400, new JsonObject().put("code", 3004).put("message", "Invalid value passed for customer_id"));
            return;
        }
        JsonObject s = new JsonObject()
                .put("subscription_id", "sub-" + (subscriptions.size() + 1))
                .put("status", "live")
                .put("customer_id", body.getString("customer_id"))
                .put("reference_id", body.getString("reference_id"))
                .put("plan", body.getJsonObject("plan"))
                .put("addons", body.getJsonArray("addons"))
                .put("next_billing_at", "2026-12-22")
                .put("current_term_ends_at", "2026-12-21");
        subscriptions.put(s.getString("subscription_id"), s);
        reply(rc, 201, "Subscription has been created successfully.", "subscription", s);
    }

    private void updateSubscription(RoutingContext rc) {
        JsonObject body = rc.body().asJsonObject();
        JsonObject s = subscriptions.get(rc.pathParam("id"));
        if (!body.getBoolean("end_of_term")) {
            s.put("plan", body.getJsonObject("plan")).put("addons", body.getJsonArray("addons"));
        }
        reply(rc, 200, "Subscription details have been updated successfully.", "subscription", s);
    }

    private void cancel(RoutingContext rc) {
        JsonObject s = subscriptions.get(rc.pathParam("id"));
        s.put("status", "true".equals(rc.request().getParam("cancel_at_end")) ? "non_renewing" : "cancelled");
        reply(rc, 200, "Your subscription has been cancelled.", "subscription", s);
    }

    private static JsonObject invoice(int balance) {
        return new JsonObject()
                .put("invoice_id", "inv-1")
                .put("number", "INV-000001")
                .put("customer_id", "cus-1")
                .put("status", balance == 0 ? "paid" : "sent")
                .put("total", 499.0)
                .put("balance", balance);
    }

    private static void reply(RoutingContext rc, int status, String message, String key, JsonObject value) {
        FakeZoho.json(
                rc,
                status,
                new JsonObject().put("code", 0).put("message", message).put(key, value));
    }

    private static void list(RoutingContext rc, String key, List<JsonObject> rows) {
        FakeZoho.json(
                rc,
                200,
                new JsonObject()
                        .put("code", 0)
                        .put("message", "success")
                        .put(key, new JsonArray(List.copyOf(rows)))
                        .put(
                                "page_context",
                                new JsonObject()
                                        .put("page", 1)
                                        .put("per_page", 200)
                                        .put("has_more_page", false)));
    }

    private Subscription subscription(String id) {
        return new Subscription(
                id, "cust-1", "fibre-50", 1, List.of(new Addon("static-ip", 1)), LocalDate.of(2026, 11, 22), null);
    }

    @Test
    void aCustomerIsCreatedWithTheMarkerAndFoundByEmail() {
        BillingCustomer created = success(zoho.billingCustomers().create(customer("b1")));

        assertThat(created.email()).isEqualTo("ada.b1@example.com");
        assertThat(customers.get(created.customerId()).getString("notes")).isEqualTo("zoho-sync:cust-b1");
        assertThat(success(zoho.billingCustomers().findByEmail("ADA.b1@example.com ")))
                .containsExactly(created);
    }

    @Test
    void aSubscriptionCarriesThePlatformIdAsReferenceAndIsFoundByIt() {
        String customerId =
                success(zoho.billingCustomers().create(customer("b2"))).customerId();

        BillingSubscription created = success(zoho.subscriptions().create(subscription("svc-1"), customerId));

        assertThat(created.referenceId()).isEqualTo("svc-1");
        assertThat(created.planCode()).isEqualTo("fibre-50");
        assertThat(created.nextBillingAt()).isEqualTo(LocalDate.of(2026, 12, 22));
        JsonObject sent = fake.requests("/billing/v1/subscriptions").get(0).body();
        assertThat(sent.getBoolean("auto_collect")).isFalse();
        assertThat(sent.getJsonArray("addons").getJsonObject(0).getString("addon_code"))
                .isEqualTo("static-ip");
        assertThat(success(zoho.subscriptions().findByReference(customerId, "svc-1")))
                .containsExactly(created);
        assertThat(success(zoho.subscriptions().findByReference(customerId, "svc-9")))
                .isEmpty();
        assertThat(success(zoho.subscriptions().get(created.subscriptionId()))).isEqualTo(created);
    }

    @Test
    void aPlanChangeAppliesNowOrAtTermEndAndACancelNowOrAtTermEnd() {
        String customerId =
                success(zoho.billingCustomers().create(customer("b3"))).customerId();
        String id = success(zoho.subscriptions().create(subscription("svc-2"), customerId))
                .subscriptionId();

        BillingSubscription upgraded = success(zoho.subscriptions()
                .change(id, new SubscriptionChange.Upgrade("svc-2", "fibre-100", 1, List.of(), Timing.IMMEDIATELY)));
        success(zoho.subscriptions()
                .change(id, new SubscriptionChange.Downgrade("svc-2", "fibre-20", 1, List.of(), Timing.END_OF_TERM)));
        BillingSubscription atEnd =
                success(zoho.subscriptions().change(id, new SubscriptionChange.Cancel("svc-2", Timing.END_OF_TERM)));
        BillingSubscription now =
                success(zoho.subscriptions().change(id, new SubscriptionChange.Cancel("svc-2", Timing.IMMEDIATELY)));

        assertThat(upgraded.planCode()).isEqualTo("fibre-100");
        assertThat(fake.requests("/billing/v1/subscriptions/" + id))
                .filteredOn(r -> r.method().equals("PUT"))
                .extracting(r -> r.body().getBoolean("end_of_term"))
                .containsExactly(false, true);
        assertThat(atEnd.status()).isEqualTo("non_renewing");
        assertThat(now.status()).isEqualTo("cancelled");
        assertThat(fake.requests("/billing/v1/subscriptions/" + id + "/cancel"))
                .extracting(FakeZoho.Received::query)
                .containsExactly("cancel_at_end=true", "cancel_at_end=false");
        assertThat(fake.requests("/billing/v1/subscriptions/" + id + "/cancel")).allMatch(r -> r.body() == null);
    }

    @Test
    void anUnknownCustomerIsAValidationWithZohosCode() {
        assertThat(zoho.subscriptions().create(subscription("svc-3"), "cus-404").await())
                .isInstanceOfSatisfying(
                        ZohoOutcome.Validation.class, v -> assertThat(v.code()).isEqualTo("3004"));
    }

    @Test
    void aHostedPageInvoicesAndAPayment() {
        HostedPage page = success(zoho.subscriptions()
                .newSubscriptionPage(subscription("svc-4"), "cus-1", "https://shop.example.com/done"));
        assertThat(page.url()).startsWith("https://billing.zoho.com/hostedpage/");
        assertThat(fake.requests("/billing/v1/hostedpages/newsubscription")
                        .get(0)
                        .body()
                        .getString("redirect_url"))
                .isEqualTo("https://shop.example.com/done");

        BillingInvoice invoice = success(zoho.billingInvoices().get("inv-1"));
        assertThat(invoice.invoiceNumber()).isEqualTo("INV-000001");
        assertThat(success(zoho.billingInvoices().findBySubscription("sub-1")))
                .extracting(BillingInvoice::status)
                .containsExactly("paid");

        Payment payment = new Payment(
                "pi_9", PaymentMethod.EFT, "cust-1", "inv-1", Money.of("499.00", "ZAR"), LocalDate.of(2026, 11, 22));
        assertThat(success(
                        zoho.billingInvoices().recordPayment(payment, ZohoPaymentMode.BANK_TRANSFER, "cus-1", "inv-1")))
                .isEqualTo("pay-1");
        JsonObject sent = fake.requests("/billing/v1/payments").get(0).body();
        assertThat(sent.getString("payment_mode")).isEqualTo("banktransfer");
        assertThat(sent.getJsonArray("invoices").getJsonObject(0).getString("invoice_id"))
                .isEqualTo("inv-1");
    }
}
