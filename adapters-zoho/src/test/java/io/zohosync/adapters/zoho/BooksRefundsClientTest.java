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
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoItem;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import io.zohosync.ports.out.zoho.ZohoRefunds;
import io.zohosync.ports.out.zoho.ZohoRefunds.CreditLine;
import io.zohosync.ports.out.zoho.ZohoRefunds.CreditNoteRequest;
import io.zohosync.ports.out.zoho.ZohoRefunds.InvoiceToCredit;
import io.zohosync.ports.out.zoho.ZohoRefunds.RefundRequest;
import io.zohosync.ports.out.zoho.ZohoRefunds.RefundablePayment;
import io.zohosync.ports.out.zoho.ZohoRefunds.ZohoCreditNote;
import io.zohosync.ports.out.zoho.ZohoRefunds.ZohoRefund;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Books refunds against the sandbox: credit notes copying an invoice or for an amount, their refunds, a payment's excess. */
@ExtendWith(VertxExtension.class)
class BooksRefundsClientTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    SandboxFixture fx;
    private ZohoRefunds refunds;
    private String id;
    private String customerId;
    private ZohoItem item;
    private String taxId;

    @BeforeEach
    void start(Vertx vertx) {
        fx = SandboxFixture.start(vertx);
        refunds = fx.zoho.refunds();
        id = UUID.randomUUID().toString().substring(0, 8);
        customerId = success(Customers.createContact(fx.zoho.contacts(), customer(id)))
                .contactId();
        item = success(fx.zoho
                .items()
                .create(new Item("SKU-" + id, "Guitar lesson " + id, Money.of("40.00", "USD"), "One hour")));
        taxId = success(fx.zoho
                        .api()
                        .call(
                                ZohoRequest.post(
                                        ZohoProduct.BOOKS,
                                        "/settings/taxes",
                                        new JsonObject()
                                                .put("tax_name", "Sales tax " + id)
                                                .put("tax_percentage", 10)),
                                r -> r))
                .getJsonArray("tax")
                .getJsonObject(0)
                .getString("tax_id");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aFullRefundRaisesACreditNoteCopyingEveryInvoiceLineAndRefundsItUntilClosed() {
        ZohoInvoice invoice = paidInvoice();
        String paymentId = success(fx.zoho.customerPayments().findByReference("pi_" + id))
                .get(0)
                .paymentId();
        RefundablePayment payment = success(refunds.payment(paymentId));
        InvoiceToCredit toCredit = success(refunds.invoice(invoice.invoiceId()));

        ZohoCreditNote note = success(refunds.createCreditNote(new CreditNoteRequest(
                customerId,
                invoice.invoiceId(),
                "RF-" + id,
                "re_" + id,
                TODAY,
                toCredit.inclusiveTax(),
                toCredit.lines().stream()
                        .map(l -> new CreditLine(l.lineItemId(), l.itemId(), l.name(), null, l.quantity(), null, null))
                        .toList(),
                "Refund re_" + id)));
        ZohoRefund refund = success(refunds.refundCreditNote(
                note.creditNoteId(), refundOf(note.total(), payment.accountId(), payment.paymentMode())));

        assertThat(payment.unusedAmount()).isEqualByComparingTo("0");
        assertThat(payment.invoiceIds()).containsExactly(invoice.invoiceId());
        assertThat(payment.paymentMode()).isEqualTo("creditcard");
        assertThat(payment.accountId()).isNotBlank();
        assertThat(payment.currencyCode()).isEqualTo("USD");
        assertThat(toCredit.total()).isEqualByComparingTo("66.00");
        assertThat(toCredit.lines()).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.taxId()).as("the line's tax, as invoiced").isNotBlank();
            assertThat(l.taxPercentage()).isEqualByComparingTo("10");
            assertThat(l.itemTotal()).as("before tax").isEqualByComparingTo("60.00");
        });
        assertThat(note.total()).as("2 × 40 − 25 % = 60, + 10 %").isEqualByComparingTo(invoice.total());
        assertThat(note.status()).isEqualTo("open");
        assertThat(note.referenceNumber()).isEqualTo("re_" + id);
        assertThat(refund.amount()).isEqualByComparingTo("66.00");
        assertThat(refund.referenceNumber()).isEqualTo("re_" + id);
        assertThat(refund.date()).isEqualTo(TODAY);
        ZohoCreditNote closed = success(refunds.creditNote(note.creditNoteId()));
        assertThat(closed.status()).isEqualTo("closed");
        assertThat(closed.balance()).isEqualByComparingTo("0");
        assertThat(success(refunds.creditNoteRefunds(note.creditNoteId())))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.refundId()).isEqualTo(refund.refundId());
                    assertThat(r.amount()).isEqualByComparingTo("66.00");
                });
    }

    @Test
    void aPartialRefundIsALineForTheAmountIncludingTheInvoicesTax() {
        ZohoInvoice invoice = paidInvoice();

        ZohoCreditNote note = success(refunds.createCreditNote(new CreditNoteRequest(
                customerId,
                invoice.invoiceId(),
                "RF-" + id,
                "re_" + id,
                TODAY,
                true,
                List.of(new CreditLine(
                        null,
                        null,
                        "Partial refund",
                        "Refund re_" + id,
                        BigDecimal.ONE,
                        new BigDecimal("12.34"),
                        success(refunds.invoice(invoice.invoiceId()))
                                .lines()
                                .get(0)
                                .taxId())),
                null)));
        success(refunds.refundCreditNote(
                note.creditNoteId(), refundOf(new BigDecimal("12.34"), "460000000000361", "creditcard")));

        assertThat(note.total()).as("the amount, its tax included").isEqualByComparingTo("12.34");
        JsonObject held = fx.sandbox.inspect().recordsFor("RF-" + id).get(0).body();
        assertThat(held.getDouble("tax_total")).as("12.34 × 10 / 110").isEqualTo(1.12);
        assertThat(success(refunds.creditNote(note.creditNoteId())).status()).isEqualTo("closed");
    }

    @Test
    void aPaymentsExcessIsRefundedDirectlyAndListedByItsReference() {
        Payment credit =
                new Payment("pi_" + id, PaymentMethod.EFT, "cust-" + id, null, Money.of("30.00", "USD"), TODAY);
        String paymentId = success(
                        fx.zoho.customerPayments().create(credit, ZohoPaymentMode.BANK_TRANSFER, customerId, null))
                .paymentId();
        RefundablePayment before = success(refunds.payment(paymentId));

        ZohoRefund refund = success(refunds.refundPayment(
                paymentId, refundOf(new BigDecimal("12.50"), before.accountId(), before.paymentMode())));

        assertThat(before.unusedAmount()).isEqualByComparingTo("30.00");
        assertThat(before.invoiceIds()).isEmpty();
        assertThat(refund.amount()).isEqualByComparingTo("12.50");
        assertThat(success(refunds.paymentRefunds(paymentId)))
                .filteredOn(r -> ("re_" + id).equals(r.referenceNumber()))
                .singleElement()
                .satisfies(r -> assertThat(r.amount()).isEqualByComparingTo("12.50"));
        assertThat(success(refunds.payment(paymentId)).unusedAmount()).isEqualByComparingTo("17.50");
    }

    @Test
    void creditNotesAreFoundByTheirExactNumberAndATakenNumberNamesTheExistingNote() {
        CreditNoteRequest first = amountNote("RF-" + id, "re_" + id);
        ZohoCreditNote created = success(refunds.createCreditNote(first));
        success(refunds.createCreditNote(amountNote("RF-" + id + "0", "re_" + id + "0")));

        ZohoOutcome<ZohoCreditNote> again = refunds.createCreditNote(first).await();

        assertThat(success(refunds.findCreditNotes("RF-" + id)))
                .extracting(ZohoCreditNote::creditNoteId)
                .containsExactly(created.creditNoteId());
        assertThat(success(refunds.findCreditNotes("RF-none-" + id))).isEmpty();
        assertThat(again)
                .isInstanceOfSatisfying(
                        ZohoOutcome.Duplicate.class,
                        d -> assertThat(d.existing()).contains(created));
        assertThat(refunds.creditNote("460000000999999").await()).isInstanceOf(ZohoOutcome.NotFound.class);
    }

    @Test
    void aRefundBeyondWhatIsLeftIsZohosValidationError() {
        ZohoCreditNote note = success(refunds.createCreditNote(amountNote("RF-" + id, "re_" + id)));
        Payment credit = new Payment("pi_" + id, PaymentMethod.EFT, "cust-" + id, null, Money.of("5.00", "USD"), TODAY);
        String paymentId = success(
                        fx.zoho.customerPayments().create(credit, ZohoPaymentMode.BANK_TRANSFER, customerId, null))
                .paymentId();

        ZohoOutcome<ZohoRefund> overNote = refunds.refundCreditNote(
                        note.creditNoteId(), refundOf(new BigDecimal("10.01"), "460000000000361", "cash"))
                .await();
        ZohoOutcome<ZohoRefund> overPayment = refunds.refundPayment(
                        paymentId, refundOf(new BigDecimal("5.01"), "460000000000361", "cash"))
                .await();

        for (ZohoOutcome<ZohoRefund> over : List.of(overNote, overPayment)) {
            assertThat(over).isInstanceOfSatisfying(ZohoOutcome.Validation.class, v -> {
                assertThat(v.code()).isEqualTo("14");
                assertThat(v.message()).startsWith("Invalid value passed for amount");
            });
        }
        assertThat(success(refunds.creditNoteRefunds(note.creditNoteId()))).isEmpty();
        assertThat(success(refunds.paymentRefunds(paymentId))).isEmpty();
    }

    /** An invoice of 2 lessons at 40 less 25 %, taxed 10 % (66.00), paid in full by card. */
    private ZohoInvoice paidInvoice() {
        LineItem lesson = new LineItem(
                item.sku(),
                item.name(),
                "March",
                new BigDecimal("2"),
                new BigDecimal("40.00"),
                new Discount.Percent(new BigDecimal("25")),
                new BigDecimal("10"));
        Invoice invoice = new Invoice(
                "INV-" + id,
                "order-" + id,
                "cust-" + id,
                TODAY,
                TODAY.plusDays(14),
                Currency.getInstance("USD"),
                List.of(lesson),
                PriceBasis.EXCLUSIVE,
                new TaxScheme.Single("Sales tax"));
        ZohoLinks links =
                new ZohoLinks(customerId, Map.of(item.sku(), item.itemId()), Map.of(new BigDecimal("10.00"), taxId));
        ZohoInvoice created = success(fx.zoho.invoices().create(invoice, links));
        Payment paid = new Payment(
                "pi_" + id, PaymentMethod.STRIPE, "cust-" + id, "order-" + id, Money.of("66.00", "USD"), TODAY);
        success(fx.zoho.customerPayments().create(paid, ZohoPaymentMode.CREDIT_CARD, customerId, created.invoiceId()));
        return created;
    }

    /** A credit note of 10.00, raised for the customer without an invoice. */
    private CreditNoteRequest amountNote(String number, String reference) {
        return new CreditNoteRequest(
                customerId,
                null,
                number,
                reference,
                TODAY,
                false,
                List.of(new CreditLine(null, null, "Goodwill", null, BigDecimal.ONE, new BigDecimal("10.00"), null)),
                null);
    }

    private RefundRequest refundOf(BigDecimal amount, String accountId, String mode) {
        return new RefundRequest(TODAY, amount, mode, "re_" + id, accountId, "Refund re_" + id);
    }
}
