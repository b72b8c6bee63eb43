package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.payment.Payment;
import io.zohosync.domain.payment.PaymentModeMapping;
import io.zohosync.domain.payment.ZohoPaymentMode;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.flows.order.BooksTaxIds;
import io.zohosync.ports.flows.order.OrderBooksHandler;
import io.zohosync.ports.flows.payment.PaymentBooksHandler;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.zoho.ZohoCustomerPayments;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoPayment;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import io.zohosync.ports.testing.MutableClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payment flow's real handler in the pipeline, with the real customer and order handlers, over in-memory Books. */
class PaymentFlowPipelineTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts();
    private final FakeDocuments items = new FakeDocuments(EntityType.ITEM, calls);
    private final OrderFlowPipelineTest.BooksInvoices invoices = new OrderFlowPipelineTest.BooksInvoices(calls);
    private final BooksPayments payments = new BooksPayments(calls);
    private final InMemorySyncStore stored = new InMemorySyncStore();
    private final FlowPipeline pipeline = new FlowPipeline(
            stored,
            List.of(
                    new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT),
                    items,
                    new OrderBooksHandler(
                            invoices,
                            new QuoteFlowPipelineTest.BooksEstimates(calls),
                            new BooksTaxIds(new OrderFlowPipelineTest.BooksTaxList(calls)),
                            new ContactCurrencies(contacts),
                            stored),
                    new PaymentBooksHandler(payments, PaymentModeMapping.DEFAULT, stored)));
    private final MutableClock clock = pipeline.clock;
    private final InMemorySyncStore store = pipeline.store;
    private final SyncStateMachine machine = pipeline.machine;
    private final SyncWorker worker = pipeline.worker;

    @Test
    void a_payment_arriving_before_or_after_its_customer_and_order_is_booked_once_on_the_orders_invoice() {
        List<List<String>> arrivals = List.of(
                List.of("payment", "order", "customer"),
                List.of("payment", "customer", "order"),
                List.of("order", "payment", "customer"),
                List.of("customer", "payment", "order"),
                List.of("customer", "order", "payment"),
                List.of("order", "customer", "payment"));
        for (List<String> arrival : arrivals) {
            PaymentFlowPipelineTest fresh = new PaymentFlowPipelineTest();
            fresh.record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
            for (String what : arrival) {
                switch (what) {
                    case "customer" -> fresh.recordCustomer("cus-1");
                    case "order" -> fresh.record(EntityType.INVOICE, "ENR-1", enrollment());
                    default -> fresh.record(EntityType.PAYMENT, "PAY-1", payment("500.00", "ENR-1"));
                }
                await(fresh.worker.drainOnce("w"));
            }
            fresh.drainUntilQuiet();

            SyncRecordView view = fresh.view("PAY-1");
            assertThat(view.status()).as("arrival %s", arrival).isEqualTo(SyncStatus.SYNCED);
            assertThat(fresh.calls.stream().filter(c -> c.startsWith("create payment")))
                    .as("arrival %s", arrival)
                    .containsExactly("create payment pi_1");
            BooksPayments.Held held = fresh.payments.held().get(0);
            assertThat(held.invoiceId())
                    .isEqualTo(fresh.invoices
                            .byNumber("ENR-1")
                            .orElseThrow()
                            .invoice()
                            .invoiceId());
            assertThat(held.customerId())
                    .isEqualTo(fresh.contacts.contacts().get(0).contactId());
            assertThat(held.mode()).isEqualTo(ZohoPaymentMode.CREDIT_CARD);
            assertThat(view.zohoId()).isEqualTo(held.paymentId());
        }
    }

    @Test
    void a_payment_without_an_order_waits_only_for_its_customer_and_is_booked_unapplied() {
        record(EntityType.PAYMENT, "PAY-2", payment("80.00", null));
        await(worker.drainOnce("w"));
        assertThat(payments.held()).isEmpty();

        recordCustomer("cus-1");
        drainUntilQuiet();

        assertThat(view("PAY-2").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(payments.held()).singleElement().satisfies(p -> {
            assertThat(p.invoiceId()).as("unapplied: the customer's credit").isNull();
            assertThat(p.reference()).isEqualTo("pi_1");
        });
    }

    @Test
    void a_create_whose_answer_was_lost_is_found_by_its_reference_and_never_booked_twice() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.INVOICE, "ENR-1", enrollment());
        payments.loseNextCreateAnswer();
        record(EntityType.PAYMENT, "PAY-1", payment("500.00", "ENR-1"));

        drainUntilQuiet();

        assertThat(payments.held()).as("one payment in Books").hasSize(1);
        assertThat(calls.stream().filter(c -> c.startsWith("create payment"))).hasSize(1);
        assertThat(calls).contains("findByReference pi_1");
        assertThat(view("PAY-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("PAY-1").zohoId()).isEqualTo(payments.held().get(0).paymentId());
    }

    @Test
    void a_changed_payment_updates_books_and_an_amount_beyond_the_balance_fails_with_what_to_do() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.INVOICE, "ENR-1", enrollment());
        record(EntityType.PAYMENT, "PAY-1", payment("400.00", "ENR-1"));
        drainUntilQuiet();
        String paymentId = view("PAY-1").zohoId();

        record(EntityType.PAYMENT, "PAY-1", payment("500.00", "ENR-1"));
        drainUntilQuiet();
        assertThat(calls).contains("update payment " + paymentId);
        assertThat(payments.held().get(0).amount()).isEqualTo("500.00");
        assertThat(view("PAY-1").status()).isEqualTo(SyncStatus.SYNCED);

        payments.refuseNextUpdate(new ZohoOutcome.Validation<>(
                "24016", "The amount entered is more than the balance due for this invoice."));
        record(EntityType.PAYMENT, "PAY-1", payment("900.00", "ENR-1"));
        drainUntilQuiet();
        SyncRecordView refused = view("PAY-1");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError()).contains("more than the balance due", "refund the excess");
        assertThat(payments.held())
                .singleElement()
                .satisfies(p -> assertThat(p.amount()).isEqualTo("500.00"));
    }

    @Test
    void a_payment_in_another_currency_than_its_order_fails_naming_both_and_books_nothing() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.INVOICE, "ENR-1", enrollment());
        Map<String, Object> dollars = new LinkedHashMap<>(payment("500.00", "ENR-1"));
        dollars.put("currency", "USD");
        record(EntityType.PAYMENT, "PAY-1", dollars);
        drainUntilQuiet();

        SyncRecordView refused = view("PAY-1");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError()).contains("payment PAY-1 is in USD", "order ENR-1 it pays is in ZAR");
        assertThat(calls).noneMatch(c -> c.startsWith("create payment"));
        assertThat(payments.held()).isEmpty();
        assertThat(pipeline.view(EntityType.INVOICE, "ENR-1").status()).isEqualTo(SyncStatus.SYNCED);
    }

    private static Map<String, Object> enrollment() {
        return Map.of(
                "customer_id",
                "cus-1",
                "date",
                "2026-03-01",
                "currency",
                "ZAR",
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", "2", "rate", "250.00")));
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

    private void drainUntilQuiet() {
        pipeline.drainUntilQuiet();
    }

    private void record(EntityType type, String id, Map<String, Object> body) {
        pipeline.record(type, id, body);
    }

    private void recordCustomer(String id) {
        pipeline.recordCustomer(id);
    }

    private SyncRecordView view(String id) {
        return pipeline.view(EntityType.PAYMENT, id);
    }

    /**
     * Books customer payments in memory: a create's answer can be lost after the payment is kept; the list by
     * reference answers rows without the reference, as Books' list rows do.
     */
    static final class BooksPayments implements ZohoCustomerPayments {

        record Held(
                String paymentId,
                String reference,
                String customerId,
                String invoiceId,
                String amount,
                ZohoPaymentMode mode) {}

        private final List<String> calls;
        private final Map<String, Held> byId = new LinkedHashMap<>();
        private boolean loseNextAnswer;
        private ZohoOutcome<ZohoPayment> updateRefusal;
        private int nextId = 1;

        BooksPayments(List<String> calls) {
            this.calls = calls;
        }

        void loseNextCreateAnswer() {
            loseNextAnswer = true;
        }

        void refuseNextUpdate(ZohoOutcome<ZohoPayment> refusal) {
            this.updateRefusal = refusal;
        }

        List<Held> held() {
            return List.copyOf(byId.values());
        }

        @Override
        public Future<ZohoOutcome<ZohoPayment>> create(
                Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
            calls.add("create payment " + payment.referenceNumber());
            Held held = new Held(
                    "pay-z" + nextId++,
                    payment.referenceNumber(),
                    customerId,
                    invoiceId,
                    payment.amount().amount().toPlainString(),
                    mode);
            byId.put(held.paymentId(), held);
            if (loseNextAnswer) {
                loseNextAnswer = false;
                return Future.succeededFuture(new ZohoOutcome.Outage<>("connection reset after the write"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>(zoho(held)));
        }

        @Override
        public Future<ZohoOutcome<ZohoPayment>> update(
                String paymentId, Payment payment, ZohoPaymentMode mode, String customerId, String invoiceId) {
            calls.add("update payment " + paymentId);
            if (updateRefusal != null) {
                ZohoOutcome<ZohoPayment> refused = updateRefusal;
                updateRefusal = null;
                return Future.succeededFuture(refused);
            }
            Held held = new Held(
                    paymentId,
                    payment.referenceNumber(),
                    customerId,
                    invoiceId,
                    payment.amount().amount().toPlainString(),
                    mode);
            byId.put(paymentId, held);
            return Future.succeededFuture(new ZohoOutcome.Success<>(zoho(held)));
        }

        @Override
        public Future<ZohoOutcome<ZohoPayment>> get(String paymentId) {
            calls.add("get payment " + paymentId);
            Held held = byId.get(paymentId);
            return Future.succeededFuture(
                    held == null ? new ZohoOutcome.NotFound<>("no payment") : new ZohoOutcome.Success<>(zoho(held)));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoPayment>>> findByReference(String referenceNumber) {
            calls.add("findByReference " + referenceNumber);
            return Future.succeededFuture(new ZohoOutcome.Success<>(byId.values().stream()
                    .filter(h -> h.reference().equalsIgnoreCase(referenceNumber))
                    .map(h -> new ZohoPayment(h.paymentId(), null, null, new java.math.BigDecimal(h.amount()), null))
                    .toList()));
        }

        private static ZohoPayment zoho(Held held) {
            return new ZohoPayment(
                    held.paymentId(),
                    held.reference(),
                    held.customerId(),
                    new java.math.BigDecimal(held.amount()),
                    held.invoiceId());
        }
    }
}
