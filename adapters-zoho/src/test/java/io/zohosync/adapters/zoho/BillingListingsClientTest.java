package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentMethod;
import io.zohosync.domain.payment.ZohoPaymentMode;
import io.zohosync.domain.subscription.Subscription;
import io.zohosync.ports.out.zoho.BillingCustomer;
import io.zohosync.ports.out.zoho.BillingInvoice;
import io.zohosync.ports.out.zoho.BillingListings;
import io.zohosync.ports.out.zoho.BillingListings.Row;
import io.zohosync.ports.out.zoho.BillingSubscription;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoListings.Page;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Billing's list endpoints against the sandbox: 200 rows a page, one call a page; a subscription's plan read alone. */
@ExtendWith(VertxExtension.class)
class BillingListingsClientTest {

    SandboxFixture fx;
    private BillingListings listings;
    private String id;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(
                vertx,
                o -> o.withDailyLimit(10_000),
                s -> s.limits(ZohoProduct.BILLING, new ZohoApiLimits(1000, 10_000, 5)),
                ZohoAdapters.inMemoryBudget());
        fx.sandbox.control().perMinuteLimit("billing", 1000);
        listings = fx.zoho.billingListings();
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void readsEveryCustomerAPageOf200AtATime() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 203; i++) {
            created.add(success(fx.zoho.billingCustomers().create(customer(id + "-" + i)))
                    .customerId());
        }
        int before = fx.sandbox.inspect().calls("GET /billing/v1/customers");
        Page<Row> first = success(listings.customers(1).await());
        Page<Row> second = success(listings.customers(2).await());

        assertThat(first.rows()).hasSize(200);
        assertThat(first.more()).isTrue();
        assertThat(second.more()).isFalse();
        List<String> read = new ArrayList<>();
        first.rows().forEach(r -> read.add(r.id()));
        second.rows().forEach(r -> read.add(r.id()));
        assertThat(read).containsExactlyInAnyOrderElementsOf(created);
        assertThat(first.rows().get(0).fields().get("email")).endsWith("@example.com");
        assertThat(fx.sandbox.inspect().calls("GET /billing/v1/customers") - before)
                .isEqualTo(2);
    }

    @Test
    void readsSubscriptionsInvoicesAndPaymentsWithWhatReconciliationCompares() {
        catalog();
        BillingCustomer customer = success(fx.zoho.billingCustomers().create(customer(id)));
        BillingSubscription sub = success(fx.zoho
                .subscriptions()
                .create(
                        new Subscription(
                                "svc-" + id,
                                "cust-" + id,
                                "basic-" + id,
                                2,
                                List.of(),
                                LocalDate.now(ZoneOffset.UTC),
                                null),
                        customer.customerId()));
        BillingInvoice invoice = success(fx.zoho.billingInvoices().findBySubscription(sub.subscriptionId()))
                .get(0);
        success(fx.zoho
                .billingInvoices()
                .recordPayment(
                        new Payment(
                                "pi_" + id,
                                PaymentMethod.EFT,
                                "cust-" + id,
                                "svc-" + id,
                                new Money(invoice.balance(), Currency.getInstance("USD")),
                                LocalDate.now(ZoneOffset.UTC)),
                        ZohoPaymentMode.BANK_TRANSFER,
                        customer.customerId(),
                        invoice.invoiceId()));

        Row listed = success(listings.subscriptions(1).await()).rows().stream()
                .filter(r -> r.id().equals(sub.subscriptionId()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.reference()).isEqualTo("svc-" + id);
        assertThat(listed.status()).isEqualTo("live");
        assertThat(listed.fields()).doesNotContainKey("plan_code"); // the row names the plan only

        Row read = success(listings.subscription(sub.subscriptionId()).await());
        assertThat(read.fields()).containsEntry("plan_code", "basic-" + id).containsEntry("quantity", "2");

        Row billed = success(listings.invoices(1).await()).rows().stream()
                .filter(r -> r.id().equals(invoice.invoiceId()))
                .findFirst()
                .orElseThrow();
        assertThat(billed.status()).isEqualTo("paid");
        assertThat(billed.fields()).containsEntry("balance", "0").containsEntry("total", "200");

        Page<Row> payments = success(listings.payments(1).await());
        assertThat(payments.rows()).singleElement().satisfies(p -> {
            assertThat(p.reference()).isEqualTo("pi_" + id);
            assertThat(p.status()).isEqualTo("success");
            assertThat(p.fields()).containsEntry("amount", "200");
        });
        assertThat(fx.sandbox.inspect().calls("GET /billing/v1/transactions")).isEqualTo(1);
    }

    private void catalog() {
        JsonObject product = success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.BILLING, "/products", new JsonObject().put("name", "Broadband " + id)),
                        r -> r));
        success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.BILLING,
                                "/plans",
                                new JsonObject()
                                        .put("plan_code", "basic-" + id)
                                        .put("name", "Basic")
                                        .put("recurring_price", 100)
                                        .put("interval", 1)
                                        .put(
                                                "product_id",
                                                product.getJsonObject("product").getString("product_id"))),
                        r -> r));
    }
}
