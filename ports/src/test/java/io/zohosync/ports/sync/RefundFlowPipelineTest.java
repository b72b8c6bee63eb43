package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.payment.PaymentModeMapping;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.flows.order.BooksTaxIds;
import io.zohosync.ports.flows.order.OrderBooksHandler;
import io.zohosync.ports.flows.payment.PaymentBooksHandler;
import io.zohosync.ports.flows.refund.RefundBooksHandler;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoRefunds;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The refund flow's real handler behind the real customer, order and payment handlers, over in-memory Books. */
class RefundFlowPipelineTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts();
    private final OrderFlowPipelineTest.BooksInvoices invoices = new OrderFlowPipelineTest.BooksInvoices(calls);
    private final PaymentFlowPipelineTest.BooksPayments payments = new PaymentFlowPipelineTest.BooksPayments(calls);
    private final BooksRefunds refunds = new BooksRefunds();
    private final InMemorySyncStore stored = new InMemorySyncStore();
    private final FlowPipeline pipeline = new FlowPipeline(
            stored,
            List.of(
                    new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT),
                    new FakeDocuments(EntityType.ITEM, calls),
                    new OrderBooksHandler(
                            invoices,
                            new QuoteFlowPipelineTest.BooksEstimates(calls),
                            new BooksTaxIds(new OrderFlowPipelineTest.BooksTaxList(calls)),
                            new ContactCurrencies(contacts),
                            stored),
                    new PaymentBooksHandler(payments, PaymentModeMapping.DEFAULT, stored),
                    new RefundBooksHandler(refunds)));

    @Test
    void a_refund_of_an_invoiced_payment_raises_a_credit_note_for_all_of_the_invoice_and_refunds_it_once() {
        paidEnrollment("500.00");
        pipeline.record(EntityType.REFUND, "re_1", refund("500.00", "ZAR"));
        pipeline.drainUntilQuiet();

        SyncRecordView view = view("re_1");
        assertThat(view.status()).isEqualTo(SyncStatus.SYNCED);
        BooksRefunds.Note note = refunds.notes.get(view.zohoId());
        assertThat(note.request().creditNoteNumber()).isEqualTo("re_1");
        assertThat(note.request().invoiceId()).isEqualTo(invoiceId());
        assertThat(note.request().lines())
                .as("every line of the invoice again, as invoiced")
                .extracting(ZohoRefunds.CreditLine::invoiceLineId, ZohoRefunds.CreditLine::rate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(invoiceId() + "-line-1", null),
                        org.assertj.core.groups.Tuple.tuple(invoiceId() + "-line-2", null));
        assertThat(note.request().inclusiveTax()).as("as the invoice").isFalse();
        assertThat(note.refunds()).singleElement().satisfies(r -> {
            assertThat(r.referenceNumber()).isEqualTo("re_1");
            assertThat(r.fromAccountId())
                    .as("paid back from the deposit account")
                    .isEqualTo("acc-deposit");
            assertThat(r.refundMode()).as("the way it came").isEqualTo("creditcard");
        });
        assertThat(calls).containsOnlyOnce("create credit note re_1", "refund credit note " + view.zohoId());
    }

    @Test
    void a_part_refund_is_a_line_per_tax_in_the_invoices_proportions_each_including_its_tax() {
        paidEnrollment("500.00");
        pipeline.record(EntityType.REFUND, "re_2", refund("120.50", "ZAR"));
        pipeline.drainUntilQuiet();

        BooksRefunds.Note note = refunds.notes.get(view("re_2").zohoId());
        // 460.00 of the 500.00 came with VAT, 40.00 without: 120.50 × 460 / 500 = 110.86, and the rest 9.64
        assertThat(note.request().lines())
                .extracting(
                        ZohoRefunds.CreditLine::invoiceLineId,
                        ZohoRefunds.CreditLine::rate,
                        ZohoRefunds.CreditLine::taxId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, new BigDecimal("110.86"), "tax-vat"),
                        org.assertj.core.groups.Tuple.tuple(null, new BigDecimal("9.64"), null));
        assertThat(note.request().inclusiveTax())
                .as("the amounts include their tax")
                .isTrue();
        assertThat(note.refunds())
                .singleElement()
                .satisfies(r -> assertThat(r.amount()).isEqualByComparingTo("120.50"));
    }

    @Test
    void a_refund_of_an_unapplied_payment_is_refunded_from_the_payment_itself() {
        pipeline.recordCustomer("cus-1");
        pipeline.record(EntityType.PAYMENT, "PAY-1", payment("80.00", null));
        pipeline.record(EntityType.REFUND, "re_3", refund("30.00", "ZAR"));
        pipeline.drainUntilQuiet();

        SyncRecordView view = view("re_3");
        assertThat(view.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(refunds.notes).as("no credit note").isEmpty();
        assertThat(refunds.paymentRefunds.get(payments.held().get(0).paymentId()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.referenceNumber()).isEqualTo("re_3");
                    assertThat(view.zohoId()).isEqualTo(r.refundId());
                });
    }

    @Test
    void a_refund_waits_for_its_payment_whatever_order_things_arrive_in() {
        pipeline.record(EntityType.REFUND, "re_1", refund("500.00", "ZAR"));
        await(pipeline.worker.drainOnce("w"));
        assertThat(view("re_1").status()).isNotEqualTo(SyncStatus.SYNCED);
        assertThat(refunds.notes).isEmpty();

        paidEnrollment("500.00");

        assertThat(view("re_1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(refunds.notes).hasSize(1);
    }

    @Test
    void the_credit_notes_answer_lost_is_completed_by_its_refund_and_never_raised_twice() {
        paidEnrollment("500.00");
        refunds.loseNextCreditNoteAnswer = true;
        pipeline.record(EntityType.REFUND, "re_1", refund("500.00", "ZAR"));
        pipeline.drainUntilQuiet();

        assertThat(refunds.notes).as("one credit note").hasSize(1);
        BooksRefunds.Note note = refunds.notes.values().iterator().next();
        assertThat(note.refunds()).as("refunded once").hasSize(1);
        assertThat(calls)
                .as("the retry found the credit note under its number and refunded it")
                .containsSubsequence(
                        "create credit note re_1",
                        "find credit notes re_1",
                        "create credit note re_1",
                        "find credit notes re_1",
                        "refund credit note " + note.id());
        assertThat(view("re_1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("re_1").zohoId()).isEqualTo(note.id());
    }

    @Test
    void the_refunds_answer_lost_is_found_by_its_reference_and_never_paid_twice() {
        paidEnrollment("500.00");
        refunds.loseNextRefundAnswer = true;
        pipeline.record(EntityType.REFUND, "re_1", refund("500.00", "ZAR"));
        pipeline.drainUntilQuiet();

        BooksRefunds.Note note = refunds.notes.values().iterator().next();
        assertThat(note.refunds()).as("refunded once").hasSize(1);
        assertThat(view("re_1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(calls.stream().filter(c -> c.startsWith("refund credit note")))
                .hasSize(1);
    }

    @Test
    void a_refund_in_another_currency_than_its_payment_fails_with_what_to_send() {
        paidEnrollment("500.00");
        pipeline.record(EntityType.REFUND, "re_1", refund("500.00", "USD"));
        pipeline.drainUntilQuiet();

        SyncRecordView view = view("re_1");
        assertThat(view.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view.lastError()).contains("in USD", "booked in ZAR");
        assertThat(refunds.notes).isEmpty();
    }

    @Test
    void a_changed_refund_is_not_rewritten_but_fails_with_what_an_admin_can_do() {
        paidEnrollment("500.00");
        pipeline.record(EntityType.REFUND, "re_1", refund("500.00", "ZAR"));
        pipeline.drainUntilQuiet();
        pipeline.record(EntityType.REFUND, "re_1", refund("400.00", "ZAR"));
        pipeline.drainUntilQuiet();

        SyncRecordView view = view("re_1");
        assertThat(view.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view.lastError()).contains("not rewritten", "new refund");
        assertThat(refunds.notes.values().iterator().next().refunds()).hasSize(1);
    }

    @Test
    void books_refusing_more_than_is_left_fails_with_the_amounts() {
        pipeline.recordCustomer("cus-1");
        pipeline.record(EntityType.PAYMENT, "PAY-1", payment("80.00", null));
        pipeline.record(EntityType.REFUND, "re_4", refund("90.00", "ZAR"));
        pipeline.drainUntilQuiet();

        SyncRecordView view = view("re_4");
        assertThat(view.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view.lastError()).contains("80.00 paid", "more than the unused amount");
    }

    private void paidEnrollment(String amount) {
        pipeline.recordCustomer("cus-1");
        pipeline.record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        pipeline.record(
                EntityType.INVOICE,
                "ENR-1",
                Map.of(
                        "customer_id",
                        "cus-1",
                        "date",
                        "2026-03-01",
                        "currency",
                        "ZAR",
                        "line_items",
                        List.of(Map.of("item_id", "YOGA", "quantity", "2", "rate", "250.00"))));
        pipeline.record(EntityType.PAYMENT, "PAY-1", payment(amount, "ENR-1"));
        pipeline.drainUntilQuiet();
    }

    private String invoiceId() {
        return invoices.byNumber("ENR-1").orElseThrow().invoice().invoiceId();
    }

    private static Map<String, Object> payment(String amount, String order) {
        Map<String, Object> json = new LinkedHashMap<>(Map.of(
                "customer_id", "cus-1",
                "amount", amount,
                "currency", "ZAR",
                "date", "2026-03-02",
                "method", "card",
                "provider_payment_id", "pi_1"));
        if (order != null) {
            json.put("invoice_id", order);
        }
        return json;
    }

    private static Map<String, Object> refund(String amount, String currency) {
        return Map.of("payment_id", "PAY-1", "amount", amount, "currency", currency, "date", "2026-03-05");
    }

    private SyncRecordView view(String id) {
        return pipeline.view(EntityType.REFUND, id);
    }

    /**
     * Books refunds in memory over the fakes' payments and invoices: a payment applied to an invoice has nothing
     * unused; an answer can be lost after the write is kept.
     */
    final class BooksRefunds implements ZohoRefunds {

        record Note(String id, CreditNoteRequest request, List<RefundRequest> refunds) {}

        final Map<String, Note> notes = new LinkedHashMap<>();
        final Map<String, List<ZohoRefund>> paymentRefunds = new LinkedHashMap<>();
        boolean loseNextCreditNoteAnswer;
        boolean loseNextRefundAnswer;
        private int nextId = 1;

        @Override
        public Future<ZohoOutcome<RefundablePayment>> payment(String paymentId) {
            calls.add("get payment " + paymentId);
            return Future.succeededFuture(payments.held().stream()
                    .filter(p -> p.paymentId().equals(paymentId))
                    .findFirst()
                    .<ZohoOutcome<RefundablePayment>>map(p -> {
                        BigDecimal amount = new BigDecimal(p.amount());
                        BigDecimal refunded = paymentRefunds.getOrDefault(paymentId, List.of()).stream()
                                .map(ZohoRefund::amount)
                                .reduce(BigDecimal.ZERO, BigDecimal::add);
                        return new ZohoOutcome.Success<>(new RefundablePayment(
                                paymentId,
                                p.customerId(),
                                "acc-deposit",
                                p.mode().zohoName(),
                                "ZAR",
                                amount,
                                p.invoiceId() == null ? amount.subtract(refunded) : BigDecimal.ZERO,
                                p.invoiceId() == null ? List.of() : List.of(p.invoiceId())));
                    })
                    .orElse(new ZohoOutcome.NotFound<>("no payment")));
        }

        @Override
        public Future<ZohoOutcome<InvoiceToCredit>> invoice(String invoiceId) {
            calls.add("get invoice " + invoiceId);
            return Future.succeededFuture(invoices.held().stream()
                    .filter(h -> h.invoice().invoiceId().equals(invoiceId))
                    .findFirst()
                    .<ZohoOutcome<InvoiceToCredit>>map(h -> new ZohoOutcome.Success<>(new InvoiceToCredit(
                            invoiceId,
                            h.invoice().customerId(),
                            new BigDecimal("500.00"),
                            false,
                            // 400.00 at 15 % VAT and 40.00 untaxed: 500.00
                            List.of(
                                    new InvoiceLine(
                                            invoiceId + "-line-1",
                                            "item-YOGA",
                                            "Yoga",
                                            BigDecimal.valueOf(2),
                                            "tax-vat",
                                            new BigDecimal("15"),
                                            new BigDecimal("400.00")),
                                    new InvoiceLine(
                                            invoiceId + "-line-2",
                                            "item-MAT",
                                            "Mat hire",
                                            BigDecimal.ONE,
                                            null,
                                            null,
                                            new BigDecimal("40.00"))))))
                    .orElse(new ZohoOutcome.NotFound<>("no invoice")));
        }

        @Override
        public Future<ZohoOutcome<ZohoRefund>> refundPayment(String paymentId, RefundRequest refund) {
            calls.add("refund payment " + paymentId);
            RefundablePayment paid = ((ZohoOutcome.Success<RefundablePayment>) await(payment(paymentId))).value();
            if (refund.amount().compareTo(paid.unusedAmount()) > 0) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>(
                        "24017", "The refund amount is more than the unused amount of the payment."));
            }
            ZohoRefund kept =
                    new ZohoRefund("ref-z" + nextId++, refund.referenceNumber(), refund.amount(), refund.date());
            paymentRefunds.computeIfAbsent(paymentId, p -> new ArrayList<>()).add(kept);
            return Future.succeededFuture(new ZohoOutcome.Success<>(kept));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoRefund>>> paymentRefunds(String paymentId) {
            calls.add("list payment refunds " + paymentId);
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(List.copyOf(paymentRefunds.getOrDefault(paymentId, List.of()))));
        }

        @Override
        public Future<ZohoOutcome<ZohoCreditNote>> createCreditNote(CreditNoteRequest note) {
            calls.add("create credit note " + note.creditNoteNumber());
            if (notes.values().stream()
                    .anyMatch(n -> n.request().creditNoteNumber().equals(note.creditNoteNumber()))) {
                return Future.succeededFuture(new ZohoOutcome.Duplicate<>(Optional.empty(), "number taken"));
            }
            Note kept = new Note("cn-z" + nextId++, note, new ArrayList<>());
            notes.put(kept.id(), kept);
            if (loseNextCreditNoteAnswer) {
                loseNextCreditNoteAnswer = false;
                return Future.succeededFuture(new ZohoOutcome.Outage<>("connection reset after the write"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>(zoho(kept)));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoCreditNote>>> findCreditNotes(String creditNoteNumber) {
            calls.add("find credit notes " + creditNoteNumber);
            return Future.succeededFuture(new ZohoOutcome.Success<>(notes.values().stream()
                    .filter(n -> n.request().creditNoteNumber().equals(creditNoteNumber))
                    .map(BooksRefunds::zoho)
                    .toList()));
        }

        @Override
        public Future<ZohoOutcome<ZohoCreditNote>> creditNote(String creditNoteId) {
            Note note = notes.get(creditNoteId);
            return Future.succeededFuture(
                    note == null
                            ? new ZohoOutcome.NotFound<>("no credit note")
                            : new ZohoOutcome.Success<>(zoho(note)));
        }

        @Override
        public Future<ZohoOutcome<ZohoRefund>> refundCreditNote(String creditNoteId, RefundRequest refund) {
            calls.add("refund credit note " + creditNoteId);
            notes.get(creditNoteId).refunds().add(refund);
            ZohoRefund kept =
                    new ZohoRefund("ref-z" + nextId++, refund.referenceNumber(), refund.amount(), refund.date());
            if (loseNextRefundAnswer) {
                loseNextRefundAnswer = false;
                return Future.succeededFuture(new ZohoOutcome.Outage<>("connection reset after the write"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>(kept));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoRefund>>> creditNoteRefunds(String creditNoteId) {
            calls.add("list credit note refunds " + creditNoteId);
            return Future.succeededFuture(new ZohoOutcome.Success<>(notes.get(creditNoteId).refunds().stream()
                    .map(r -> new ZohoRefund("ref", r.referenceNumber(), r.amount(), r.date()))
                    .toList()));
        }

        private static ZohoCreditNote zoho(Note note) {
            return new ZohoCreditNote(
                    note.id(),
                    note.request().creditNoteNumber(),
                    note.request().referenceNumber(),
                    note.request().customerId(),
                    note.refunds().isEmpty() ? "open" : "closed",
                    BigDecimal.ZERO,
                    BigDecimal.ZERO);
        }
    }
}
