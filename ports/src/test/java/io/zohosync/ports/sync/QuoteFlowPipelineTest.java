package io.zohosync.ports.sync;

import static io.zohosync.ports.sync.FlowPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.quote.Quote;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.flows.order.BooksTaxIds;
import io.zohosync.ports.flows.quote.QuoteBooksHandler;
import io.zohosync.ports.flows.sales.ContactCurrencies;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.zoho.ZohoEstimate;
import io.zohosync.ports.out.zoho.ZohoEstimates;
import io.zohosync.ports.out.zoho.ZohoLinks;
import io.zohosync.ports.out.zoho.ZohoOutcome;
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

/** The quote flow's real handler in the pipeline over in-memory storage and an in-memory Books: waiting, a lost answer, status, changes. */
class QuoteFlowPipelineTest {

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts();
    private final FakeDocuments items = new FakeDocuments(EntityType.ITEM, calls);
    private final BooksEstimates estimates = new BooksEstimates(calls);
    private final OrderFlowPipelineTest.BooksTaxList taxes = new OrderFlowPipelineTest.BooksTaxList(calls);
    private final FlowPipeline pipeline = new FlowPipeline(List.of(
            new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT),
            items,
            new QuoteBooksHandler(estimates, new BooksTaxIds(taxes), new ContactCurrencies(contacts))));
    private final MutableClock clock = pipeline.clock;
    private final InMemorySyncStore store = pipeline.store;
    private final SyncStateMachine machine = pipeline.machine;
    private final SyncWorker worker = pipeline.worker;

    @Test
    void a_quote_waits_for_its_customer_and_item_and_is_written_once_pointing_at_both() {
        record(EntityType.ESTIMATE, "Q-1", quote("2", "draft"));
        await(worker.drainOnce("w"));
        recordCustomer("cus-1");
        await(worker.drainOnce("w"));
        await(worker.drainOnce("w"));
        assertThat(view("Q-1").status()).isIn(SyncStatus.PENDING, SyncStatus.WAITING);
        assertThat(estimates.held)
                .as("nothing written before its item is in Books")
                .isEmpty();
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        drainUntilQuiet();

        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(calls.stream().filter(c -> c.startsWith("create estimate"))).containsExactly("create estimate Q-1");
        BooksEstimates.Held held = estimates.byNumber("Q-1").orElseThrow();
        assertThat(held.links().customerId())
                .isEqualTo(contacts.contacts().get(0).contactId());
        assertThat(held.links().itemId("DESK"))
                .contains(items.written("DESK").orElseThrow().zohoId());
        assertThat(held.estimate().status()).isEqualTo("draft");
        assertThat(view("Q-1").zohoId()).isEqualTo(held.estimate().estimateId());
    }

    @Test
    void a_create_whose_answer_was_lost_is_found_by_its_number_and_never_written_again() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        estimates.loseNextCreateAnswer();
        record(EntityType.ESTIMATE, "Q-1", quote("2", "draft"));

        drainUntilQuiet();

        assertThat(estimates.held).as("one estimate in Books").hasSize(1);
        assertThat(calls.stream().filter(c -> c.startsWith("create estimate"))).hasSize(1);
        assertThat(calls).contains("findByNumber Q-1");
        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("Q-1").zohoId())
                .isEqualTo(estimates.byNumber("Q-1").orElseThrow().estimate().estimateId());
    }

    @Test
    void an_accepted_quote_whose_create_answer_was_lost_is_found_by_its_number_and_still_sent_then_accepted() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        estimates.loseNextCreateAnswer();
        record(EntityType.ESTIMATE, "Q-1", quote("2", "accepted"));

        drainUntilQuiet();

        String id = estimates.byNumber("Q-1").orElseThrow().estimate().estimateId();
        assertThat(calls)
                .containsSubsequence(
                        "create estimate Q-1",
                        "findByNumber Q-1",
                        "get estimate " + id,
                        "mark " + id + " sent",
                        "mark " + id + " accepted");
        assertThat(calls.stream().filter(c -> c.startsWith("create estimate"))).hasSize(1);
        assertThat(estimates.byNumber("Q-1").orElseThrow().estimate().status()).isEqualTo("accepted");
        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(view("Q-1").zohoId()).isEqualTo(id);
    }

    @Test
    void a_sent_estimate_found_after_a_lost_answer_takes_only_the_actions_it_lacks() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        drainUntilQuiet();
        estimates.loseNextCreateAnswer();
        record(EntityType.ESTIMATE, "Q-1", quote("2", "declined"));
        await(worker.drainOnce("w"));
        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.RETRYING);
        String id = estimates.byNumber("Q-1").orElseThrow().estimate().estimateId();
        estimates.setStatus(id, "sent"); // the earlier attempt's first action had landed too

        drainUntilQuiet();

        assertThat(calls).doesNotContain("mark " + id + " sent").contains("mark " + id + " declined");
        assertThat(estimates.byNumber("Q-1").orElseThrow().estimate().status()).isEqualTo("declined");
        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void an_accepted_quote_is_sent_then_accepted_and_a_later_decline_follows() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        record(EntityType.ESTIMATE, "Q-1", quote("2", "accepted"));
        drainUntilQuiet();

        String id = view("Q-1").zohoId();
        assertThat(calls)
                .containsSubsequence("create estimate Q-1", "mark " + id + " sent", "mark " + id + " accepted");
        assertThat(estimates.byNumber("Q-1").orElseThrow().estimate().status()).isEqualTo("accepted");

        record(EntityType.ESTIMATE, "Q-1", quote("2", "declined"));
        drainUntilQuiet();
        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(estimates.byNumber("Q-1").orElseThrow().estimate().status()).isEqualTo("declined");
        assertThat(calls).as("an accepted estimate's lines are not rewritten").doesNotContain("update estimate " + id);
    }

    @Test
    void a_changed_quote_updates_its_estimate_and_an_accepted_one_refuses_changed_lines_with_a_reason() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        record(EntityType.ESTIMATE, "Q-1", quote("2", "sent"));
        drainUntilQuiet();
        String id = view("Q-1").zohoId();

        record(EntityType.ESTIMATE, "Q-1", quote("3", "sent"));
        drainUntilQuiet();
        assertThat(calls).contains("update estimate " + id);
        assertThat(estimates.byNumber("Q-1").orElseThrow().quantities()).isEqualTo("3");
        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);

        estimates.setStatus(id, "accepted");
        record(EntityType.ESTIMATE, "Q-1", quote("4", "accepted"));
        drainUntilQuiet();
        SyncRecordView refused = view("Q-1");
        assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(refused.lastError()).contains("Q-1 is accepted in Books", "raise a new quote");
        assertThat(estimates.byNumber("Q-1").orElseThrow().quantities()).isEqualTo("3");
        assertThat(estimates.held).hasSize(1);
    }

    @Test
    void the_books_tax_of_a_taxed_quote_is_found_as_for_an_order() {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        Map<String, Object> taxed = new LinkedHashMap<>(quote("1", "draft"));
        taxed.put("tax", Map.of("scheme", "single", "name", "VAT"));
        taxed.put(
                "line_items",
                List.of(Map.of("item_id", "DESK", "quantity", "1", "rate", "500.00", "tax_percentage", "15")));
        record(EntityType.ESTIMATE, "Q-1", taxed);
        drainUntilQuiet();

        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(calls).containsOnlyOnce("list taxes").containsOnlyOnce("create tax VAT 15% 15");
        assertThat(estimates.byNumber("Q-1").orElseThrow().links().taxId(new BigDecimal("15")))
                .contains(taxes.taxes.get(0).taxId());
    }

    @Test
    void a_quote_in_another_currency_than_its_customers_contact_fails_naming_both_and_nothing_is_created() {
        contacts.billingIn("USD");
        recordCustomer("cus-1");
        record(EntityType.ITEM, "DESK", Map.of("name", "Desk"));
        record(EntityType.ESTIMATE, "Q-1", quote("1", "sent"));
        drainUntilQuiet();

        assertThat(view("Q-1").status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view("Q-1").lastError()).contains("customer cus-1 is billed in USD", "quote Q-1 is in ZAR");
        assertThat(estimates.held).isEmpty();
    }

    private static Map<String, Object> quote(String quantity, String status) {
        return Map.of(
                "customer_id",
                "cus-1",
                "date",
                "2026-03-01",
                "expiry_date",
                "2026-03-31",
                "status",
                status,
                "currency",
                "ZAR",
                "line_items",
                List.of(Map.of("item_id", "DESK", "quantity", quantity, "rate", "500.00")));
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
        return pipeline.view(EntityType.ESTIMATE, id);
    }

    /** Books estimates in memory: numbers are unique; statuses move as Books' actions allow; a create's answer can be lost. */
    static final class BooksEstimates implements ZohoEstimates {

        record Held(ZohoEstimate estimate, ZohoLinks links, String quantities) {}

        private final List<String> calls;
        final Map<String, Held> held = new LinkedHashMap<>();
        private boolean loseNextAnswer;
        private int nextId = 1;

        BooksEstimates(List<String> calls) {
            this.calls = calls;
        }

        void loseNextCreateAnswer() {
            loseNextAnswer = true;
        }

        Optional<Held> byNumber(String number) {
            return held.values().stream()
                    .filter(h -> h.estimate().estimateNumber().equals(number))
                    .findFirst();
        }

        void setStatus(String estimateId, String status) {
            Held h = held.get(estimateId);
            ZohoEstimate e = h.estimate();
            held.put(
                    estimateId,
                    new Held(
                            new ZohoEstimate(
                                    e.estimateId(),
                                    e.estimateNumber(),
                                    e.referenceNumber(),
                                    e.customerId(),
                                    status,
                                    e.total()),
                            h.links(),
                            h.quantities()));
        }

        @Override
        public Future<ZohoOutcome<ZohoEstimate>> create(Quote quote, ZohoLinks links) {
            calls.add("create estimate " + quote.estimateNumber());
            if (byNumber(quote.estimateNumber()).isPresent()) {
                return Future.succeededFuture(new ZohoOutcome.Duplicate<>(Optional.empty(), "number taken"));
            }
            ZohoEstimate created = new ZohoEstimate(
                    "est-z" + nextId++,
                    quote.estimateNumber(),
                    quote.platformId(),
                    links.customerId(),
                    "draft",
                    quote.totals().total().amount());
            held.put(created.estimateId(), new Held(created, links, quantities(quote)));
            if (loseNextAnswer) {
                loseNextAnswer = false;
                return Future.succeededFuture(new ZohoOutcome.Outage<>("connection reset after the write"));
            }
            return Future.succeededFuture(new ZohoOutcome.Success<>(created));
        }

        @Override
        public Future<ZohoOutcome<ZohoEstimate>> update(String estimateId, Quote quote, ZohoLinks links) {
            calls.add("update estimate " + estimateId);
            Held h = held.get(estimateId);
            ZohoEstimate e = h.estimate();
            ZohoEstimate updated = new ZohoEstimate(
                    e.estimateId(),
                    e.estimateNumber(),
                    e.referenceNumber(),
                    e.customerId(),
                    e.status(),
                    quote.totals().total().amount());
            held.put(estimateId, new Held(updated, links, quantities(quote)));
            return Future.succeededFuture(new ZohoOutcome.Success<>(updated));
        }

        @Override
        public Future<ZohoOutcome<ZohoEstimate>> get(String estimateId) {
            calls.add("get estimate " + estimateId);
            Held h = held.get(estimateId);
            return Future.succeededFuture(
                    h == null ? new ZohoOutcome.NotFound<>("no estimate") : new ZohoOutcome.Success<>(h.estimate()));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoEstimate>>> findByNumber(String estimateNumber) {
            calls.add("findByNumber " + estimateNumber);
            return Future.succeededFuture(new ZohoOutcome.Success<>(
                    byNumber(estimateNumber).map(h -> List.of(h.estimate())).orElse(List.of())));
        }

        @Override
        public Future<ZohoOutcome<List<ZohoEstimate>>> findByReference(String referenceNumber) {
            throw new AssertionError("the quote flow looks estimates up by number");
        }

        /** As Books: sent only from draft, accepted or declined only once sent. */
        @Override
        public Future<ZohoOutcome<Void>> mark(String estimateId, String status) {
            calls.add("mark " + estimateId + " " + status);
            String current = held.get(estimateId).estimate().status();
            boolean allowed = status.equals("sent") ? current.equals("draft") : !current.equals("draft");
            if (!allowed) {
                return Future.succeededFuture(new ZohoOutcome.Validation<>("status", current + " to " + status));
            }
            setStatus(estimateId, status);
            return Future.succeededFuture(new ZohoOutcome.Success<>(null));
        }

        private static String quantities(Quote quote) {
            return String.join(
                    ",",
                    quote.lines().stream()
                            .map(l -> l.quantity().toPlainString())
                            .toList());
        }
    }
}
