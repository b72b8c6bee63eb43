package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.invoice.Invoice;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.flows.order.BooksTaxIds;
import io.zohosync.ports.flows.order.OrderBooksHandler;
import io.zohosync.ports.flows.quote.QuoteBooksHandler;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.zoho.ZohoInvoice;
import io.zohosync.ports.out.zoho.ZohoInvoices;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoTax;
import io.zohosync.ports.out.zoho.ZohoTaxes;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import io.zohosync.ports.testing.MutableClock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order flow's real handler in the pipeline over in-memory storage and an in-memory Books: arrival orders, a lost answer, changes. */
class OrderFlowPipelineTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts();
    private final FakeDocuments items = new FakeDocuments(EntityType.ITEM, calls);
    private final BooksInvoices invoices = new BooksInvoices(calls);
    private final BooksTaxList taxes = new BooksTaxList(calls);
    private final QuoteFlowPipelineTest.BooksEstimates estimates = new QuoteFlowPipelineTest.BooksEstimates(calls);
    private final InMemorySyncStore stored = new InMemorySyncStore();
    private final FlowPipeline pipeline = pipeline();

    private FlowPipeline pipeline() {
        BooksTaxIds taxIds = new BooksTaxIds(taxes);
        ContactCurrencies currencies = new ContactCurrencies(contacts);
        // Books marks an estimate invoiced when an invoice is made from it
        invoices.onInvoicedEstimate = estimateId -> estimates.setStatus(estimateId, "invoiced");
        return new FlowPipeline(
                stored,
                List.of(
                        new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT),
                        items,
                        new QuoteBooksHandler(estimates, taxIds, currencies),
                        new OrderBooksHandler(invoices, estimates, taxIds, currencies, stored)));
    }

    private final MutableClock clock = pipeline.clock;
    private final InMemorySyncStore store = pipeline.store;
    private final SyncStateMachine machine = pipeline.machine;
    private final SyncWorker worker = pipeline.worker;

    @Test
    void an_order_arriving_before_or_after_its_customer_and_item_is_invoiced_once_pointing_at_both() {
        List<List<String>> orders = List.of(
                List.of("order", "customer", "item"),
                List.of("order", "item", "customer"),
                List.of("customer", "order", "item"),
                List.of("item", "order", "customer"),
                List.of("customer", "item", "order"),
                List.of("item", "customer", "order"));
        for (List<String> order : orders) {
            OrderFlowPipelineTest fresh = new OrderFlowPipelineTest();
            for (String what : order) {
                switch (what) {
                    case "customer" -> fresh.recordCustomer("cus-1");
                    case "item" -> fresh.record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
                    default -> fresh.record(EntityType.INVOICE, "ENR-1", enrollment("2"));
                }
                await(fresh.worker.drainOnce("w"));
            }
            fresh.drainUntilQuiet();

            assertThat(fresh.view("ENR-1").status()).as("order %s", order).isEqualTo(SyncStatus.SYNCED);
            assertThat(fresh.calls.stream().filter(c -> c.startsWith("create invoice")))
                    .as("order %s", order)
                    .containsExactly("create invoice ENR-1");
            BooksInvoices.Held held = fresh.invoices.byNumber("ENR-1").orElseThrow();
            assertThat(held.links().customerId())
                    .isEqualTo(fresh.contacts.contacts().get(0).contactId());
            assertThat(held.links().itemId("YOGA"))
                    .contains(fresh.items.written("YOGA").orElseThrow().zohoId());
            assertThat(fresh.view("ENR-1").zohoId()).isEqualTo(held.invoice().invoiceId());
        }
    }

    @Test
    void a_create_whose_answer_was_lost_is_found_by_its_number_and_never_written_again() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        invoices.loseNextCreateAnswer();
        record(EntityType.INVOICE, "ENR-1", enrollment("2"));

        drainUntilQuiet();

        assertThat(invoices.held()).as("one invoice in Books").hasSize(1);
        assertThat(calls.stream().filter(c -> c.startsWith("create invoice"))).hasSize(1);
        assertThat(calls).contains("findByNumber ENR-1");
        SyncRecordView view = view("ENR-1");
        assertThat(view.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view.zohoId())
                .isEqualTo(invoices.byNumber("ENR-1").orElseThrow().invoice().invoiceId());
    }

    @Test
    void a_changed_order_updates_its_invoice_and_a_paid_invoice_refuses_the_change_naming_a_credit_note() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.INVOICE, "ENR-1", enrollment("2"));
        drainUntilQuiet();
        String invoiceId = view("ENR-1").zohoId();

        record(EntityType.INVOICE, "ENR-1", enrollment("3"));
        drainUntilQuiet();
        assertThat(calls).contains("update invoice " + invoiceId);
        assertThat(invoices.byNumber("ENR-1").orElseThrow().lines()).isEqualTo("3");
        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.SYNCED);

        invoices.setStatus(invoiceId, "paid");
        record(EntityType.INVOICE, "ENR-1", enrollment("4"));
        drainUntilQuiet();
        SyncRecordView refused = view("ENR-1");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError()).contains("is paid in Books", "credit note");
        assertThat(invoices.byNumber("ENR-1").orElseThrow().lines())
                .as("the paid invoice was not touched")
                .isEqualTo("3");
        assertThat(invoices.held()).hasSize(1);
    }

    @Test
    void the_books_tax_is_listed_once_created_once_when_missing_and_then_known_without_calls() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.INVOICE, "ENR-1", vatEnrollment("1"));
        record(EntityType.INVOICE, "ENR-2", vatEnrollment("1"));
        drainUntilQuiet();

        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("ENR-2").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(calls.stream().filter(c -> c.startsWith("list taxes"))).hasSize(1);
        assertThat(calls).containsOnlyOnce("create tax VAT 15% 15");
        String taxId = taxes.taxes.get(0).taxId();
        assertThat(invoices.byNumber("ENR-1").orElseThrow().links().taxId(new BigDecimal("15.00")))
                .contains(taxId);
        assertThat(invoices.byNumber("ENR-2").orElseThrow().links().taxId(new BigDecimal("15")))
                .contains(taxId);
    }

    @Test
    void a_tax_id_books_refuses_is_looked_up_again_when_an_admin_retries_the_order() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        invoices.refuseNextCreate(new ZohoOutcome.Validation<>("14", "Invalid value passed for tax_id"));
        record(EntityType.INVOICE, "ENR-1", vatEnrollment("1"));
        drainUntilQuiet();
        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.FAILED);

        SyncKey key = new SyncKey(EntityType.INVOICE, "ENR-1", SyncTarget.BOOKS);
        await(store.change(
                key,
                "admin_retry",
                s -> machine.apply(s, new SyncEvent.AdminRetry(), clock.instant()),
                clock.instant()));
        drainUntilQuiet();

        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(calls.stream().filter(c -> c.startsWith("list taxes")))
                .as("listed again after the refusal")
                .hasSize(2);
        assertThat(invoices.held()).hasSize(1);
    }

    @Test
    void an_intra_state_gst_order_without_a_books_tax_group_fails_with_what_to_set_up() {
        contacts.billingIn("INR");
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        Map<String, Object> gst = new LinkedHashMap<>(enrollment("1"));
        gst.put("currency", "INR");
        gst.put("tax", Map.of("scheme", "gst", "organization_state", "TN", "place_of_supply", "TN"));
        gst.put(
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", "1", "rate", "1000", "tax_percentage", "18")));
        record(EntityType.INVOICE, "ENR-1", gst);
        drainUntilQuiet();

        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view("ENR-1").lastError()).contains("no tax group at 18%", "CGST + SGST");
        assertThat(invoices.held()).isEmpty();
    }

    @Test
    void an_order_in_another_currency_than_its_customers_contact_fails_naming_both_and_nothing_is_created() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        Map<String, Object> dollars = new LinkedHashMap<>(enrollment("1"));
        dollars.put("currency", "USD");
        record(EntityType.INVOICE, "ENR-1", dollars);
        drainUntilQuiet();

        SyncRecordView refused = view("ENR-1");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError())
                .contains("customer cus-1 is billed in ZAR in Books", "order ENR-1 is in USD", "send the order in ZAR");
        assertThat(calls).noneMatch(c -> c.startsWith("create invoice"));
        assertThat(invoices.held()).isEmpty();
    }

    @Test
    void the_contacts_currency_is_read_once_for_the_orders_that_agree_with_it() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        drainUntilQuiet();
        record(EntityType.INVOICE, "ENR-1", enrollment("1"));
        drainUntilQuiet();
        record(EntityType.INVOICE, "ENR-2", enrollment("2"));
        drainUntilQuiet();

        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("ENR-2").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(contacts.calls().stream().filter(c -> c.equals("get"))).hasSize(1);
    }

    @Test
    void an_order_from_an_accepted_quote_waits_for_its_estimate_and_is_invoiced_from_it_once() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.INVOICE, "ENR-1", fromQuote("ENR-1", "Q-1"));
        await(worker.drainOnce("w"));
        await(worker.drainOnce("w"));
        assertThat(invoices.held())
                .as("nothing invoiced before the quote is in Books")
                .isEmpty();
        record(EntityType.ESTIMATE, "Q-1", quote("accepted"));
        drainUntilQuiet();

        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.SYNCED);
        String estimateId = pipeline.view(EntityType.ESTIMATE, "Q-1").zohoId();
        String invoiceId = view("ENR-1").zohoId();
        assertThat(invoices.estimateOf).containsExactly(Map.entry(invoiceId, estimateId));
        assertThat(estimates.byNumber("Q-1").orElseThrow().estimate().status()).isEqualTo("invoiced");
        assertThat(calls)
                .containsSubsequence(
                        "mark " + estimateId + " accepted", "get estimate " + estimateId, "create invoice ENR-1");
        assertThat(invoices.byNumber("ENR-1").orElseThrow().invoice().invoiceNumber())
                .as("numbered with the order's id as any order")
                .isEqualTo("ENR-1");
    }

    @Test
    void a_second_order_naming_an_invoiced_quote_fails_saying_so_and_creates_nothing() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.ESTIMATE, "Q-1", quote("accepted"));
        record(EntityType.INVOICE, "ENR-1", fromQuote("ENR-1", "Q-1"));
        drainUntilQuiet();
        assertThat(view("ENR-1").status()).isEqualTo(SyncStatus.SYNCED);

        record(EntityType.INVOICE, "ENR-2", fromQuote("ENR-2", "Q-1"));
        drainUntilQuiet();

        SyncRecordView refused = view("ENR-2");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError())
                .contains("quote Q-1 is invoiced in Books already", "order ENR-2 does not invoice it again");
        assertThat(calls).doesNotContain("create invoice ENR-2");
        assertThat(invoices.held()).hasSize(1);
    }

    @Test
    void an_order_naming_a_quote_the_platform_has_not_accepted_fails_before_any_create() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        record(EntityType.ESTIMATE, "Q-1", quote("declined"));
        record(EntityType.INVOICE, "ENR-1", fromQuote("ENR-1", "Q-1"));
        drainUntilQuiet();

        SyncRecordView refused = view("ENR-1");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError())
                .contains("quote Q-1 is declined, not accepted", "only an accepted quote becomes an order");
        assertThat(invoices.held()).isEmpty();
        assertThat(estimates.byNumber("Q-1").orElseThrow().estimate().status()).isEqualTo("declined");
    }

    private static Map<String, Object> fromQuote(String orderId, String quoteId) {
        Map<String, Object> order = new LinkedHashMap<>(enrollment("2"));
        order.put("quote_id", quoteId);
        return order;
    }

    private static Map<String, Object> quote(String status) {
        return Map.of(
                "customer_id",
                "cus-1",
                "date",
                "2026-02-20",
                "status",
                status,
                "currency",
                "ZAR",
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", "2", "rate", "250.00")));
    }

    private static Map<String, Object> enrollment(String quantity) {
        return Map.of(
                "customer_id",
                "cus-1",
                "date",
                "2026-03-01",
                "currency",
                "ZAR",
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", quantity, "rate", "250.00")));
    }

    private static Map<String, Object> vatEnrollment(String quantity) {
        return Map.of(
                "customer_id",
                "cus-1",
                "date",
                "2026-03-01",
                "currency",
                "ZAR",
                "tax",
                Map.of("scheme", "single", "name", "VAT"),
                "line_items",
                List.of(Map.of("item_id", "YOGA", "quantity", quantity, "rate", "250.00", "tax_percentage", "15.00")));
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
        return pipeline.view(EntityType.INVOICE, id);
    }

    /** Books invoices in memory: numbers are unique; a create's answer can be lost after the invoice is kept. */
    static final class BooksInvoices implements ZohoInvoices {

        record Held(ZohoInvoice invoice, ZohoLinks links, String lines) {}

        private final List<String> calls;
        private final Map<String, Held> byId = new LinkedHashMap<>();
        /** The estimate each invoice was made from. */
        final Map<String, String> estimateOf = new LinkedHashMap<>();
        /** What Books does to an estimate an invoice is made from. */
        java.util.function.Consumer<String> onInvoicedEstimate = estimateId -> {};

        private boolean loseNextAnswer;
        private ZohoOutcome<ZohoInvoice> refusal;
        private int nextId = 1;

        BooksInvoices(List<String> calls) {
            this.calls = calls;
        }

        void loseNextCreateAnswer() {
            loseNextAnswer = true;
        }

        void refuseNextCreate(ZohoOutcome<ZohoInvoice> refusal) {
            this.refusal = refusal;
        }

        List<Held> held() {
            return List.copyOf(byId.values());
        }

        Optional<Held> byNumber(String number) {
            return byId.values().stream()
                    .filter(h -> h.invoice().invoiceNumber().equals(number))
                    .findFirst();
        }

        void setStatus(String invoiceId, String status) {
            Held h = byId.get(invoiceId);
            ZohoInvoice i = h.invoice();
            byId.put(
                    invoiceId,
                    new Held(
                            new ZohoInvoice(
                                    i.invoiceId(),
                                    i.invoiceNumber(),
                                    i.referenceNumber(),
                                    i.customerId(),
                                    status,
                                    i.total(),
                                    i.balance()),
                            h.links(),
                            h.lines()));
        }

        @Override
        public Future<ZohoOutcome<ZohoInvoice>> create(Invoice invoice, ZohoLinks links) {
            calls.add("create invoice " + invoice.invoiceNumber());
            if (refusal != null) {
                ZohoOutcome<ZohoInvoice> refused = refusal;
                refusal = null;
                return Future.succeededFuture(refused);
            }
            if (byNumber(invoice.invoiceNumber()).isPresent()) {
                return Future.succeededFuture(new ZohoOutcome.Duplicate<>(Optional.empty(), "number taken"));
            }
            ZohoInvoice created = new ZohoInvoice(
                    "inv-z" + nextId++,
                    invoice.invoiceNumber(),
                    invoice.referenceNumber(),
                    links.customerId(),
                    "draft",
                    invoice.totals().total().amount(),
                    invoice.totals().total().amount());
            byId.put(created.invoiceId(), new Held(created, links, quantities(invoice)));
            if (loseNextAnswer) {
                loseNextAnswer = false;
                return Future.succeededFuture(new ZohoOutcome.Outage<>("connection reset after the write"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>(created));
        }

        @Override
        public Future<ZohoOutcome<ZohoInvoice>> createFromEstimate(
                Invoice invoice, ZohoLinks links, String estimateId) {
            return create(invoice, links).map(created -> {
                byNumber(invoice.invoiceNumber()).ifPresent(h -> {
                    if (!estimateOf.containsKey(h.invoice().invoiceId())) {
                        estimateOf.put(h.invoice().invoiceId(), estimateId);
                        onInvoicedEstimate.accept(estimateId);
                    }
                });
                return created;
            });
        }

        @Override
        public Future<ZohoOutcome<ZohoInvoice>> update(String invoiceId, Invoice invoice, ZohoLinks links) {
            calls.add("update invoice " + invoiceId);
            Held h = byId.get(invoiceId);
            byId.put(invoiceId, new Held(h.invoice(), links, quantities(invoice)));
            return Future.succeededFuture(new ZohoOutcome.Success<>(h.invoice()));
        }

        @Override
        public Future<ZohoOutcome<ZohoInvoice>> get(String invoiceId) {
            calls.add("get invoice " + invoiceId);
            Held h = byId.get(invoiceId);
            return Future.succeededFuture(
                    h == null ? new ZohoOutcome.NotFound<>("no invoice") : new ZohoOutcome.Success<>(h.invoice()));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoInvoice>>> findByNumber(String invoiceNumber) {
            calls.add("findByNumber " + invoiceNumber);
            return Future.succeededFuture(new ZohoOutcome.Success<>(
                    byNumber(invoiceNumber).map(h -> List.of(h.invoice())).orElse(List.of())));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoInvoice>>> findByReference(String referenceNumber) {
            throw new AssertionError("the order flow looks invoices up by number");
        }

        @Override
        public Future<ZohoOutcome<ZohoInvoice>> markSent(String invoiceId) {
            throw new AssertionError("the order flow does not send invoices");
        }

        private static String quantities(Invoice invoice) {
            return String.join(
                    ",",
                    invoice.lines().stream()
                            .map(l -> l.quantity().toPlainString())
                            .toList());
        }
    }

    /** Books taxes in memory. */
    static final class BooksTaxList implements ZohoTaxes {

        private final List<String> calls;
        final List<ZohoTax> taxes = new ArrayList<>();

        BooksTaxList(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public Future<ZohoOutcome<List<ZohoTax>>> list() {
            calls.add("list taxes");
            return Future.succeededFuture(new ZohoOutcome.Success<>(List.copyOf(taxes)));
        }

        @Override
        public Future<ZohoOutcome<ZohoTax>> create(String name, BigDecimal percent, String specificType) {
            calls.add("create tax " + name + " " + percent.toPlainString());
            ZohoTax tax = new ZohoTax("tax-" + (taxes.size() + 1), name, percent, "tax", specificType);
            taxes.add(tax);
            return Future.succeededFuture(new ZohoOutcome.Success<>(tax));
        }
    }
}
