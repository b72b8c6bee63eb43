package io.zohosync.adapters.zoho;

import static io.zohosync.adapters.zoho.Customers.customer;
import static io.zohosync.adapters.zoho.Outcomes.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.adapters.zoho.call.ZohoRequest;
import io.zohosync.domain.catalog.Item;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.invoice.LineItem;
import io.zohosync.domain.money.Discount;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.money.PriceBasis;
import io.zohosync.domain.money.TaxScheme;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentMethod;
import io.zohosync.domain.payment.ZohoPaymentMode;
import io.zohosync.domain.quote.Quote;
import io.zohosync.ports.out.zoho.ZohoEstimate;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoPayment;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoTax;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Books items, taxes, invoices, customer payments and estimates against the sandbox. */
@ExtendWith(VertxExtension.class)
class BooksDocumentsTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneOffset.UTC);
    SandboxFixture fx;
    private String id;
    private String customerId;
    private ZohoItem item;
    private String taxId;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(vertx);
        id = UUID.randomUUID().toString().substring(0, 8);
        customerId = success(Customers.createContact(fx.zoho.contacts(), customer(id)))
                .contactId();
        item = success(fx.zoho
                .items()
                .create(new Item("SKU-" + id, "Guitar lesson " + id, Money.of("40.00", "USD"), "One hour")));
        JsonObject tax = success(fx.zoho
                .api()
                .call(
                        ZohoRequest.post(
                                ZohoProduct.BOOKS,
                                "/settings/taxes",
                                new JsonObject()
                                        .put("tax_name", "Sales tax " + id)
                                        .put("tax_percentage", 10)),
                        r -> r));
        taxId = tax.getJsonArray("tax").getJsonObject(0).getString("tax_id");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private ZohoLinks links() {
        return new ZohoLinks(customerId, Map.of(item.sku(), item.itemId()), Map.of(new BigDecimal("10.00"), taxId));
    }

    private Invoice invoice(String number) {
        LineItem lesson = new LineItem(
                item.sku(),
                item.name(),
                "March",
                new BigDecimal("2"),
                new BigDecimal("40.00"),
                new Discount.Percent(new BigDecimal("25")),
                new BigDecimal("10"));
        return new Invoice(
                number,
                "order-" + id,
                "cust-" + id,
                TODAY,
                TODAY.plusDays(14),
                USD,
                List.of(lesson),
                PriceBasis.EXCLUSIVE,
                new TaxScheme.Single("Sales tax"));
    }

    @Test
    void itemsAreCreatedFoundBySkuAndASecondSkuIsADuplicate() {
        assertThat(item.sku()).isEqualTo("SKU-" + id);
        assertThat(item.rate()).isEqualByComparingTo("40");
        assertThat(success(fx.zoho.items().get(item.itemId())).name()).isEqualTo("Guitar lesson " + id);
        assertThat(success(fx.zoho.items().findBySku("sku-" + id)))
                .extracting(ZohoItem::itemId)
                .containsExactly(item.itemId());
        int searches = fx.sandbox.inspect().calls("GET /books/v3/items");

        ZohoOutcome<ZohoItem> again = fx.zoho
                .items()
                .create(new Item("SKU-" + id, "Other name " + id, Money.of("1.00", "USD"), null))
                .await();

        assertThat(again)
                .isInstanceOfSatisfying(
                        ZohoOutcome.Duplicate.class,
                        d -> assertThat(d.existing()).isEmpty());
        assertThat(fx.sandbox.inspect().calls("GET /books/v3/items"))
                .as("the caller searches by sku, not the client")
                .isEqualTo(searches);
    }

    @Test
    void anItemIsUpdatedInPlace() {
        ZohoItem updated = success(fx.zoho
                .items()
                .update(
                        item.itemId(),
                        new Item(
                                "SKU-" + id,
                                "Guitar lesson (90 min) " + id,
                                Money.of("55.50", "USD"),
                                "Ninety minutes")));

        assertThat(updated.itemId()).isEqualTo(item.itemId());
        assertThat(updated.name()).isEqualTo("Guitar lesson (90 min) " + id);
        assertThat(updated.rate()).isEqualByComparingTo("55.50");
        assertThat(success(fx.zoho.items().get(item.itemId()))).isEqualTo(updated);
        assertThat(fx.sandbox.inspect().recordsFor(item.itemId()))
                .singleElement()
                .satisfies(r -> assertThat(r.body().getString("description")).isEqualTo("Ninety minutes"));
        assertThat(success(fx.zoho.items().findBySku("SKU-" + id))).containsExactly(updated);
    }

    @Test
    void taxesAreListedWithTheirRates() {
        assertThat(success(fx.zoho.taxes().list()))
                .filteredOn(t -> t.taxId().equals(taxId))
                .singleElement()
                .satisfies(t -> assertThat(t.percent()).isEqualByComparingTo("10"))
                .extracting(ZohoTax::name)
                .isEqualTo("Sales tax " + id);
    }

    @Test
    void aTaxIsCreatedWithItsIndianTypeAndListedAfterwards() {
        ZohoTax created = success(fx.zoho.taxes().create("IGST " + id, new BigDecimal("18"), "igst"));

        assertThat(created.taxId()).isNotBlank();
        assertThat(created.percent()).isEqualByComparingTo("18");
        assertThat(success(fx.zoho.taxes().list()))
                .filteredOn(t -> t.taxId().equals(created.taxId()))
                .singleElement()
                .satisfies(t -> assertThat(t.specificType()).isEqualTo("igst"))
                .extracting(ZohoTax::name)
                .isEqualTo("IGST " + id);
    }

    @Test
    void anInvoiceUpdateReplacesItsLinesAndKeepsItsNumberAndId() {
        ZohoInvoice created = success(fx.zoho.invoices().create(invoice("INV-" + id), links()));
        Invoice three = invoice("INV-" + id);
        LineItem line = three.lines().get(0);
        Invoice changed = new Invoice(
                three.invoiceNumber(),
                three.referenceNumber(),
                three.customerId(),
                three.date(),
                three.dueDate(),
                three.currency(),
                List.of(new LineItem(
                        line.itemSku(),
                        line.name(),
                        line.description(),
                        new BigDecimal("3"),
                        line.rate(),
                        line.discount(),
                        line.taxPercent())),
                three.priceBasis(),
                three.taxScheme());

        ZohoInvoice updated = success(fx.zoho.invoices().update(created.invoiceId(), changed, links()));

        assertThat(updated.invoiceId()).isEqualTo(created.invoiceId());
        assertThat(updated.invoiceNumber()).isEqualTo("INV-" + id);
        assertThat(updated.total()).as("3 × 40 − 25 % = 90, + 10 %").isEqualByComparingTo("99.00");
        assertThat(success(fx.zoho.invoices().findByNumber("INV-" + id))).hasSize(1);
    }

    @Test
    void anInvoiceKeepsThePlatformsNumberAndReferenceAndCanBeMarkedSent() {
        ZohoInvoice created = success(fx.zoho.invoices().create(invoice("INV-" + id), links()));

        assertThat(created.invoiceNumber()).isEqualTo("INV-" + id);
        assertThat(created.referenceNumber()).isEqualTo("order-" + id);
        assertThat(created.customerId()).isEqualTo(customerId);
        assertThat(created.status()).isEqualTo("draft");
        assertThat(created.total()).isEqualByComparingTo("66.00");
        assertThat(success(fx.zoho.invoices().findByNumber("INV-" + id)))
                .extracting(ZohoInvoice::invoiceId)
                .containsExactly(created.invoiceId());
        assertThat(success(fx.zoho.invoices().findByReference("order-" + id)))
                .extracting(ZohoInvoice::invoiceId)
                .containsExactly(created.invoiceId());
        assertThat(success(fx.zoho.invoices().markSent(created.invoiceId())).status())
                .isEqualTo("sent");
    }

    @Test
    void aTakenInvoiceNumberIsADuplicateNamingTheInvoiceWithOurReference() {
        ZohoInvoice created = success(fx.zoho.invoices().create(invoice("INV-" + id), links()));

        ZohoOutcome<ZohoInvoice> again =
                fx.zoho.invoices().create(invoice("INV-" + id), links()).await();

        assertThat(again)
                .isInstanceOfSatisfying(
                        ZohoOutcome.Duplicate.class,
                        d -> assertThat(d.existing()).contains(created));
        assertThat(fx.sandbox.inspect().recordsFor("INV-" + id)).hasSize(1);
    }

    @Test
    void anInvoiceWithoutNumberIsNumberedByZohoAndAnUnlinkedTaxIsRefusedBeforeAnyCall() {
        ZohoInvoice numbered = success(fx.zoho.invoices().create(invoice(null), links()));
        assertThat(numbered.invoiceNumber()).isNotBlank();

        int calls = fx.sandbox.inspect().calls("POST /books/v3/invoices");
        ZohoOutcome<ZohoInvoice> unlinked = fx.zoho
                .invoices()
                .create(invoice("INV-x" + id), ZohoLinks.customer(customerId))
                .await();

        assertThat(unlinked)
                .isInstanceOfSatisfying(
                        ZohoOutcome.Validation.class,
                        v -> assertThat(v.message()).isEqualTo("no Zoho tax for 10%"));
        assertThat(fx.sandbox.inspect().calls("POST /books/v3/invoices")).isEqualTo(calls);
        assertThat(fx.zoho.invoices().get("460000000999999").await()).isInstanceOf(ZohoOutcome.NotFound.class);
    }

    @Test
    void aPaymentIsAppliedToItsInvoiceFoundByReferenceAndAnOverpaymentIsRefused() {
        ZohoInvoice invoice = success(fx.zoho.invoices().create(invoice("INV-" + id), links()));
        Payment paid = new Payment(
                "pi_" + id, PaymentMethod.STRIPE, "cust-" + id, "order-" + id, Money.of("66.00", "USD"), TODAY);

        ZohoPayment payment = success(
                fx.zoho.customerPayments().create(paid, ZohoPaymentMode.CREDIT_CARD, customerId, invoice.invoiceId()));

        assertThat(payment.referenceNumber()).isEqualTo("pi_" + id);
        assertThat(payment.invoiceId()).isEqualTo(invoice.invoiceId());
        assertThat(success(fx.zoho.invoices().get(invoice.invoiceId())).status())
                .isEqualTo("paid");
        assertThat(success(fx.zoho.customerPayments().findByReference("pi_" + id)))
                .extracting(ZohoPayment::paymentId)
                .containsExactly(payment.paymentId());

        Payment twice = new Payment(
                "pi_2" + id, PaymentMethod.STRIPE, "cust-" + id, "order-" + id, Money.of("5.00", "USD"), TODAY);
        assertThat(fx.zoho
                        .customerPayments()
                        .create(twice, ZohoPaymentMode.CREDIT_CARD, customerId, invoice.invoiceId())
                        .await())
                .isInstanceOfSatisfying(
                        ZohoOutcome.Validation.class, v -> assertThat(v.code()).isEqualTo("24016"));
    }

    @Test
    void aPaymentWithoutAnInvoiceIsUnappliedAndAnUpdateChangesItsAmountModeAndDate() {
        Payment credit =
                new Payment("pi_c" + id, PaymentMethod.EFT, "cust-" + id, null, Money.of("30.00", "USD"), TODAY);

        ZohoPayment created =
                success(fx.zoho.customerPayments().create(credit, ZohoPaymentMode.BANK_TRANSFER, customerId, null));

        assertThat(created.invoiceId()).as("unapplied: the customer's credit").isNull();
        assertThat(created.amount()).isEqualByComparingTo("30.00");
        Payment changed = new Payment(
                "pi_c" + id, PaymentMethod.CASH, "cust-" + id, null, Money.of("45.50", "USD"), TODAY.minusDays(1));
        ZohoPayment updated = success(fx.zoho
                .customerPayments()
                .update(created.paymentId(), changed, ZohoPaymentMode.CASH, customerId, null));
        assertThat(updated.paymentId()).isEqualTo(created.paymentId());
        ZohoPayment read = success(fx.zoho.customerPayments().get(created.paymentId()));
        assertThat(read.amount()).isEqualByComparingTo("45.50");
        assertThat(read.referenceNumber()).isEqualTo("pi_c" + id);
        assertThat(fx.zoho.customerPayments().get("460000000999999").await()).isInstanceOf(ZohoOutcome.NotFound.class);
    }

    @Test
    void anEstimateCarriesTheQuotesIdAsReference() {
        Quote quote = new Quote(
                "quote-" + id,
                "cust-" + id,
                TODAY,
                TODAY.plusDays(30),
                USD,
                List.of(new LineItem(
                        item.sku(), item.name(), null, BigDecimal.ONE, new BigDecimal("40.00"), null, null)),
                PriceBasis.EXCLUSIVE,
                TaxScheme.NONE);

        ZohoEstimate estimate = success(fx.zoho.estimates().create(quote, links()));

        assertThat(estimate.referenceNumber()).isEqualTo("quote-" + id);
        assertThat(estimate.estimateNumber()).isEqualTo("quote-" + id);
        assertThat(estimate.total()).isEqualByComparingTo("40");
        assertThat(success(fx.zoho.estimates().findByNumber("quote-" + id)))
                .extracting(ZohoEstimate::estimateId)
                .containsExactly(estimate.estimateId());
        Quote changed = new Quote(
                quote.platformId(),
                quote.customerId(),
                TODAY,
                TODAY.plusDays(30),
                USD,
                List.of(new LineItem(
                        item.sku(), item.name(), null, new BigDecimal("2"), new BigDecimal("40.00"), null, null)),
                PriceBasis.EXCLUSIVE,
                TaxScheme.NONE);
        assertThat(success(fx.zoho.estimates().update(estimate.estimateId(), changed, links()))
                        .total())
                .isEqualByComparingTo("80");
        success(fx.zoho.estimates().mark(estimate.estimateId(), "sent"));
        success(fx.zoho.estimates().mark(estimate.estimateId(), "accepted"));
        assertThat(success(fx.zoho.estimates().get(estimate.estimateId())).status())
                .isEqualTo("accepted");
        assertThat(success(fx.zoho.estimates().get(estimate.estimateId())).estimateNumber())
                .isEqualTo(estimate.estimateNumber());
        assertThat(success(fx.zoho.estimates().findByReference("quote-" + id)))
                .extracting(ZohoEstimate::estimateId)
                .containsExactly(estimate.estimateId());
    }

    @Test
    void anInvoiceMadeFromAnAcceptedEstimateIsTiedToItWhichBecomesInvoiced() {
        Quote quote = new Quote(
                "quote-" + id,
                "cust-" + id,
                TODAY,
                TODAY.plusDays(30),
                USD,
                List.of(new LineItem(
                        item.sku(), item.name(), null, BigDecimal.ONE, new BigDecimal("40.00"), null, null)),
                PriceBasis.EXCLUSIVE,
                TaxScheme.NONE);
        ZohoEstimate estimate = success(fx.zoho.estimates().create(quote, links()));
        success(fx.zoho.estimates().mark(estimate.estimateId(), "sent"));
        success(fx.zoho.estimates().mark(estimate.estimateId(), "accepted"));

        ZohoInvoice invoice =
                success(fx.zoho.invoices().createFromEstimate(invoice("INV-" + id), links(), estimate.estimateId()));

        assertThat(invoice.invoiceNumber()).isEqualTo("INV-" + id);
        assertThat(fx.sandbox.inspect().recordsFor("INV-" + id))
                .filteredOn(r -> r.entity().equals("invoices"))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.body().getString("invoiced_estimate_id")).isEqualTo(estimate.estimateId()));
        assertThat(success(fx.zoho.estimates().get(estimate.estimateId())).status())
                .isEqualTo("invoiced");
        assertThat(fx.zoho
                        .invoices()
                        .createFromEstimate(invoice("INV-x" + id), links(), "460000999999")
                        .await())
                .as("an estimate Books does not have")
                .isInstanceOf(ZohoOutcome.Validation.class);
    }
}
