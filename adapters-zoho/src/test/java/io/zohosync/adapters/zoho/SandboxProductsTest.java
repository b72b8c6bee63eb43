package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.crm.CrmContact;
import io.zohosync.domain.crm.Lead;
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
import io.zohosync.ports.out.zoho.CrmFields;
import io.zohosync.ports.out.zoho.CrmUpsertResult;
import io.zohosync.ports.out.zoho.CrmUpsertResult.Action;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoStock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Billing, CRM and Inventory clients against the sandbox's own reading of Zoho (the fakes in the other tests are ours). */
@ExtendWith(VertxExtension.class)
class SandboxProductsTest {

    SandboxFixture fx;
    private String id;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(vertx);
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private void catalog() {
        JsonObject product = success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.BILLING, "/products", new JsonObject().put("name", "Broadband " + id)),
                        r -> r));
        String productId = product.getJsonObject("product").getString("product_id");
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
                                        .put("product_id", productId)),
                        r -> r));
        success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.BILLING,
                                "/plans",
                                new JsonObject()
                                        .put("plan_code", "plus-" + id)
                                        .put("name", "Plus")
                                        .put("recurring_price", 200)
                                        .put("interval", 1)
                                        .put("product_id", productId)),
                        r -> r));
        success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.BILLING,
                                "/addons",
                                new JsonObject()
                                        .put("addon_code", "ip-" + id)
                                        .put("name", "Static IP")
                                        .put("product_id", productId)
                                        .put("price_brackets", new JsonArray().add(new JsonObject().put("price", 10)))),
                        r -> r));
    }

    @Test
    void billingCustomerSubscriptionPlanChangeCancelInvoiceAndPayment() {
        catalog();
        BillingCustomer customer = success(fx.zoho.billingCustomers().create(customer(id)));
        assertThat(success(
                        fx.zoho.billingCustomers().findByEmail(customer.email().toUpperCase())))
                .containsExactly(customer);

        Subscription wanted = new Subscription(
                "svc-" + id,
                "cust-" + id,
                "basic-" + id,
                1,
                List.of(new Addon("ip-" + id, 1)),
                LocalDate.now(ZoneOffset.UTC),
                null);
        BillingSubscription created = success(fx.zoho.subscriptions().create(wanted, customer.customerId()));
        assertThat(created.referenceId()).isEqualTo("svc-" + id);
        assertThat(created.planCode()).isEqualTo("basic-" + id);
        assertThat(success(fx.zoho.subscriptions().findByReference(customer.customerId(), "svc-" + id)))
                .extracting(BillingSubscription::subscriptionId)
                .containsExactly(created.subscriptionId());

        BillingSubscription upgraded = success(fx.zoho
                .subscriptions()
                .change(
                        created.subscriptionId(),
                        new SubscriptionChange.Upgrade("svc-" + id, "plus-" + id, 1, List.of(), Timing.IMMEDIATELY)));
        assertThat(upgraded.planCode()).isEqualTo("plus-" + id);
        assertThat(success(fx.zoho
                                .subscriptions()
                                .change(
                                        created.subscriptionId(),
                                        new SubscriptionChange.Cancel("svc-" + id, Timing.END_OF_TERM)))
                        .status())
                .isEqualTo("non_renewing");
        assertThat(success(fx.zoho
                                .subscriptions()
                                .change(
                                        created.subscriptionId(),
                                        new SubscriptionChange.Cancel("svc-" + id, Timing.IMMEDIATELY)))
                        .status())
                .isEqualTo("cancelled");

        List<BillingInvoice> invoices = success(fx.zoho.billingInvoices().findBySubscription(created.subscriptionId()));
        assertThat(invoices).isNotEmpty();
        BillingInvoice invoice = invoices.get(0);
        assertThat(success(fx.zoho.billingInvoices().get(invoice.invoiceId())).invoiceId())
                .isEqualTo(invoice.invoiceId());
        if (invoice.balance().signum() > 0) {
            Payment payment = new Payment(
                    "pi_" + id,
                    PaymentMethod.EFT,
                    "cust-" + id,
                    "svc-" + id,
                    new Money(invoice.balance(), java.util.Currency.getInstance("USD")),
                    LocalDate.now(ZoneOffset.UTC));
            assertThat(success(fx.zoho
                            .billingInvoices()
                            .recordPayment(
                                    payment,
                                    ZohoPaymentMode.BANK_TRANSFER,
                                    customer.customerId(),
                                    invoice.invoiceId())))
                    .isNotBlank();
            assertThat(success(fx.zoho.billingInvoices().get(invoice.invoiceId()))
                            .status())
                    .isEqualTo("paid");
        }
    }

    @Test
    void crmLeadsAreUpsertedOnEmail() {
        Lead lead = new Lead(
                "lead-" + id, "Lee", "Ng " + id, "lee." + id + "@example.com", null, "Acme", "Asked about pricing");

        List<CrmUpsertResult> first = success(fx.zoho.crm().upsertLeads(List.of(lead)));
        List<CrmUpsertResult> again = success(fx.zoho.crm().upsertLeads(List.of(lead)));

        assertThat(first).singleElement().extracting(CrmUpsertResult::action).isEqualTo(Action.CREATED);
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.UPDATED);
            assertThat(r.recordId()).isEqualTo(first.get(0).recordId());
        });
        assertThat(fx.sandbox.inspect().recordsFor("lee." + id + "@example.com"))
                .hasSize(1);
    }

    @Test
    void crmContactsNotesTasksAndSearchesByEmail() {
        CrmFields fields = new CrmFields("Platform_Id", "Web Site");
        List<CrmContact> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            contacts.add(new CrmContact(
                    "cust-" + id + "-" + i,
                    "Ada",
                    "Lovelace " + i,
                    "ada" + i + "." + id + "@example.com",
                    i == 11 ? "0".repeat(31) : "+27 21 555 0100",
                    "Analytical Engines",
                    new io.zohosync.domain.customer.Address("1 Loop St", "Floor 2", "Cape Town", null, "8001", "ZA")));
        }
        List<CrmUpsertResult> written = success(fx.zoho.crm().upsertContacts(contacts, fields));

        assertThat(written.subList(0, 11))
                .allSatisfy(r -> assertThat(r.action()).isEqualTo(Action.CREATED));
        assertThat(written.get(11)).satisfies(r -> {
            assertThat(r.action()).isEqualTo(Action.FAILED);
            assertThat(r.code()).isEqualTo("INVALID_DATA");
            assertThat(r.message()).isEqualTo("invalid data (Phone)");
        });
        io.vertx.core.json.JsonObject stored = fx.sandbox
                .inspect()
                .recordsFor("ada0." + id + "@example.com")
                .get(0)
                .body();
        assertThat(stored.getString("Platform_Id")).isEqualTo("cust-" + id + "-0");
        assertThat(stored.getString("Mailing_Street")).isEqualTo("1 Loop St, Floor 2");
        assertThat(stored.getString("Lead_Source")).isEqualTo("Web Site");

        List<String> emails = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            emails.add(("ADA" + i + "." + id + "@example.com"));
        }
        emails.add("nobody(1)," + id + "@example.com");
        int searches = fx.sandbox.inspect().calls("GET /crm/v8/{module}/search");
        java.util.Map<String, String> found = success(fx.zoho.crm().contactsByEmail(emails));
        assertThat(fx.sandbox.inspect().calls("GET /crm/v8/{module}/search") - searches)
                .as("13 emails, ten a search")
                .isEqualTo(2);
        assertThat(found)
                .hasSize(11)
                .containsEntry("ada0." + id + "@example.com", written.get(0).recordId());

        String contact = written.get(0).recordId();
        // a linked contact is updated by its id (PUT /crm/v8/Contacts): a changed email changes that contact
        CrmContact moved = new CrmContact(
                contacts.get(0).platformId(),
                "Ada",
                "Lovelace 0",
                "moved." + id + "@example.com",
                null,
                null,
                contacts.get(0).mailing());
        assertThat(success(fx.zoho.crm().updateContacts(List.of(moved), List.of(contact), CrmFields.NONE)))
                .singleElement()
                .satisfies(r -> assertThat(r.recordId()).isEqualTo(contact));
        assertThat(fx.sandbox.inspect().recordsFor("moved." + id + "@example.com"))
                .singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(contact));
        List<CrmUpsertResult> notes = success(fx.zoho
                .crm()
                .addNotes(List.of(
                        new io.zohosync.ports.out.zoho.CrmActivity("inq-" + id, contact, "Inquiry", "Evening classes?"),
                        new io.zohosync.ports.out.zoho.CrmActivity("inq2-" + id, "1", "Inquiry", "orphan"))));
        assertThat(notes).extracting(CrmUpsertResult::action).containsExactly(Action.CREATED, Action.FAILED);
        List<CrmUpsertResult> tasks = success(fx.zoho
                .crm()
                .addTasks(List.of(
                        new io.zohosync.ports.out.zoho.CrmActivity("inq3-" + id, contact, "Inquiry", "Call back"))));
        assertThat(tasks).extracting(CrmUpsertResult::action).containsExactly(Action.CREATED);
        // a note or task carrying an inquiry's id in its title is found again by that title (parentheses escaped)
        String title = "Inquiry via web (inq-" + id + ")";
        List<CrmUpsertResult> titled = success(fx.zoho
                .crm()
                .addNotes(List.of(new io.zohosync.ports.out.zoho.CrmActivity("inq4-" + id, contact, title, "Hi"))));
        assertThat(success(fx.zoho.crm().activitiesByTitle("Notes", List.of(title, "Inquiry (none-" + id + ")"))))
                .containsExactly(java.util.Map.entry(
                        title.toLowerCase(java.util.Locale.ROOT), titled.get(0).recordId()));
        List<CrmUpsertResult> titledTask = success(fx.zoho
                .crm()
                .addTasks(List.of(new io.zohosync.ports.out.zoho.CrmActivity("inq5-" + id, contact, title, "Hi"))));
        assertThat(success(fx.zoho.crm().activitiesByTitle("Tasks", List.of(title))))
                .containsExactly(java.util.Map.entry(
                        title.toLowerCase(java.util.Locale.ROOT),
                        titledTask.get(0).recordId()));
        assertThat(success(fx.zoho.crm().read("Notes", notes.get(0).recordId())))
                .isEqualTo(notes.get(0).recordId());
        assertThat(fx.zoho
                        .crm()
                        .read("Contacts", "5725767000000000404")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .join())
                .isInstanceOf(ZohoOutcome.NotFound.class);
    }

    @Test
    void inventoryStockIsAdjustedByTheDelta() {
        JsonObject item = success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.INVENTORY,
                                "/items",
                                new JsonObject()
                                        .put("name", "Router " + id)
                                        .put("rate", 50)
                                        .put("sku", "RT-" + id)
                                        .put("initial_stock", 12)),
                        r -> r));
        String itemId = item.getJsonObject("item").getString("item_id");
        String reference = "zsync:rt" + id + ":1";

        assertThat(success(fx.zoho.stock().findAdjustments(reference))).isEmpty();
        String adjustment = success(fx.zoho
                .stock()
                .adjust(itemId, null, new BigDecimal("-3"), reference, "Sold on the platform", LocalDate.now()));
        assertThat(success(fx.zoho.stock().findAdjustments(reference))).containsExactly(adjustment);
        assertThat(success(fx.zoho.stock().level(itemId))).isEqualByComparingTo("9");
        ZohoStock.Page page =
                success(fx.zoho.stock().modifiedSince(Instant.now().minusSeconds(3600), 1));
        assertThat(page.adjustments())
                .filteredOn(a -> a.id().equals(adjustment))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.reference()).isEqualTo(reference);
                    assertThat(a.lines())
                            .as("a list entry carries no line items, as Zoho's")
                            .isEmpty();
                    assertThat(a.modifiedAt()).isNotNull();
                    assertThat(a.createdAt()).isNotNull();
                });
        assertThat(success(fx.zoho.stock().adjustment(adjustment)).lines())
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.sku()).isEqualTo("RT-" + id);
                    assertThat(l.quantity()).isEqualByComparingTo("-3");
                });

        // a warehouse's own stock, not the item's total
        success(fx.zoho
                .stock()
                .adjust(itemId, "wh-2", new BigDecimal("4"), reference + "w", "Stocked in wh-2", LocalDate.now()));
        assertThat(success(fx.zoho.stock().level(itemId, "wh-2"))).isEqualByComparingTo("4");
        assertThat(success(fx.zoho.stock().level(itemId, "wh-9"))).isEqualByComparingTo("0");
        assertThat(success(fx.zoho.stock().level(itemId))).isEqualByComparingTo("13");

        JsonObject after =
                success(fx.zoho.api().call(ZohoRequest.get(ZohoProduct.INVENTORY, "/items/" + itemId), r -> r));
        assertThat(after.getJsonObject("item").getNumber("stock_on_hand").intValue())
                .isEqualTo(13);
    }
}
