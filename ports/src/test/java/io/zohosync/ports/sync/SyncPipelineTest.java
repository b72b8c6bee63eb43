package io.zohosync.ports.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.admin.AdminSyncService;
import io.zohosync.ports.flows.customer.CustomerBooksHandler;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.RecordEntityUseCase.Command;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.intake.IntakeService;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncObserver;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.sync.handler.Handlers;
import io.zohosync.ports.sync.handler.SyncHandler;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import io.zohosync.ports.testing.MutableClock;
import io.zohosync.ports.testing.ScriptedCallBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worker and the write template over in-memory storage: prerequisites, waiting and waking, changes and leases. */
class SyncPipelineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final InMemorySyncStore store = new InMemorySyncStore();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> observed = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts();
    private final FakeDocuments invoices = new FakeDocuments(EntityType.INVOICE, calls);
    private final FakeDocuments payments = new FakeDocuments(EntityType.PAYMENT, calls);
    private final FakeDocuments items = new FakeDocuments(EntityType.ITEM, calls);
    private final SyncStateMachine machine = new SyncStateMachine(
            new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1)), new SplittableRandom(11));
    private final List<SyncHandler<?>> handlers =
            List.of(new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT), invoices, payments, items);
    private final SyncObserver observer =
            (key, status, event) -> observed.add(key.type().wire() + " " + status.wire() + " " + event);
    private final ScriptedCallBudget budget = new ScriptedCallBudget();
    private final SyncWorker worker = workerOver(store);

    /** A worker over {@code jobs} and this test's store, budget, handlers and clock. */
    private SyncWorker workerOver(SyncJobs jobs) {
        return new SyncWorker(
                jobs,
                budget,
                new Dependants(store, machine, observer),
                new SyncRunner(
                        new Handlers(handlers),
                        store,
                        store,
                        store,
                        budget,
                        new SyncRunner.Settings(Duration.ofMinutes(5), Duration.ofHours(24))),
                observer,
                machine,
                clock,
                new SyncWorker.Settings(10, Duration.ofMinutes(2)));
    }

    @Test
    void a_payment_an_invoice_and_a_customer_in_any_arrival_order_are_written_once_each_in_dependency_order()
            throws Exception {
        List<List<String>> orders = List.of(
                List.of("payment", "invoice", "customer"),
                List.of("payment", "customer", "invoice"),
                List.of("invoice", "payment", "customer"),
                List.of("invoice", "customer", "payment"),
                List.of("customer", "payment", "invoice"),
                List.of("customer", "invoice", "payment"));
        for (List<String> order : orders) {
            SyncPipelineTest fresh = new SyncPipelineTest();
            fresh.arriveInOrder(order);
            fresh.drainUntilQuiet();
            assertThat(fresh.status(EntityType.PAYMENT, "pay-1"))
                    .as("order %s", order)
                    .isEqualTo(SyncStatus.SYNCED);
            assertThat(fresh.calls.stream().filter(c -> c.startsWith("create")).toList())
                    .as("order %s", order)
                    .containsExactly("create item YOGA", "create invoice inv-1", "create payment pay-1");
            assertThat(fresh.contacts.calls().stream()
                            .filter(c -> c.equals("create"))
                            .count())
                    .isEqualTo(1);
            String invoiceId = fresh.invoices.written("inv-1").orElseThrow().zohoId();
            String contactId = fresh.contacts.contacts().get(0).contactId();
            assertThat(fresh.payments.written("pay-1").orElseThrow().links())
                    .containsEntry(new EntityRef(EntityType.INVOICE, "inv-1"), invoiceId)
                    .containsEntry(new EntityRef(EntityType.CUSTOMER, "cus-1"), contactId);
            assertThat(fresh.view(EntityType.PAYMENT, "pay-1").attempts())
                    .as("waiting used no attempt")
                    .isEqualTo(1);
        }
    }

    @Test
    void a_missing_prerequisite_is_queued_once_for_all_its_dependants_and_they_wait_without_using_attempts()
            throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        recordCustomer("cus-1");
        record(EntityType.INVOICE, "inv-1", Map.of("customer", "cus-1", "items", List.of("YOGA")));
        record(EntityType.PAYMENT, "pay-1", Map.of("customer", "cus-1", "invoice", "inv-1"));
        record(EntityType.PAYMENT, "pay-2", Map.of("customer", "cus-1", "invoice", "inv-1"));

        await(worker.drainOnce("w"));
        assertThat(store.log()).anySatisfy(row -> {
            assertThat(row.key().entityId()).isEqualTo("pay-1");
            assertThat(row.to()).isEqualTo(SyncStatus.WAITING);
            assertThat(row.message()).contains("invoice inv-1").contains("no attempt used");
        });
        assertThat(view(EntityType.PAYMENT, "pay-1").attempts()).isZero();

        drainUntilQuiet();
        assertThat(calls.stream().filter(c -> c.equals("create invoice inv-1")).count())
                .isEqualTo(1);
        assertThat(status(EntityType.PAYMENT, "pay-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(status(EntityType.PAYMENT, "pay-2")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void a_prerequisite_the_platform_sent_but_did_not_route_here_is_queued_once_by_its_first_dependant()
            throws Exception {
        SyncWorker routedNowhere = this.worker;
        IntakeService paymentsOnly = new IntakeService(
                store, mappings(), new Routing(Map.of(EntityType.PAYMENT, List.of(SyncTarget.BOOKS))), machine, clock);
        await(paymentsOnly.record(new Command(EntityType.INVOICE, "inv-9", Map.of(), null, null)));
        await(paymentsOnly.record(new Command(EntityType.PAYMENT, "pay-9", Map.of("invoice", "inv-9"), null, null)));
        await(paymentsOnly.record(new Command(EntityType.PAYMENT, "pay-10", Map.of("invoice", "inv-9"), null, null)));
        assertThat(store.log().stream().filter(r -> r.key().type() == EntityType.INVOICE))
                .isEmpty();

        await(routedNowhere.drainOnce("w"));
        assertThat(store.log().stream()
                        .filter(r -> r.event().equals("queued_as_prerequisite"))
                        .count())
                .isEqualTo(1);
        drainUntilQuiet();
        assertThat(status(EntityType.PAYMENT, "pay-10")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void a_prerequisite_reaching_zoho_wakes_its_dependant_at_once_not_at_its_recheck() throws Exception {
        recordCustomer("cus-1");
        contacts.thenAnswer(new ZohoOutcome.Outage<>("503"));
        record(EntityType.INVOICE, "inv-1", Map.of("customer", "cus-1"));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.RETRYING);
        assertThat(status(EntityType.INVOICE, "inv-1")).isEqualTo(SyncStatus.WAITING);

        clock.advance(Duration.ofSeconds(31));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
        SyncRecordView invoice = view(EntityType.INVOICE, "inv-1");
        assertThat(invoice.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(invoice.nextRunAt()).isEqualTo(clock.instant());
        assertThat(observed).contains("invoice pending prerequisite_ready");
    }

    @Test
    void a_prerequisite_that_fails_for_good_fails_its_dependants_with_its_reason() throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of());
        items.failCreateOf("YOGA", new ZohoOutcome.Validation<>("1001", "the rate is negative"));
        record(EntityType.INVOICE, "inv-1", Map.of("items", List.of("YOGA")));
        drainUntilQuiet();

        assertThat(status(EntityType.ITEM, "YOGA")).isEqualTo(SyncStatus.FAILED);
        SyncRecordView invoice = view(EntityType.INVOICE, "inv-1");
        assertThat(invoice.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(invoice.lastError()).contains("item YOGA").contains("the rate is negative");
        assertThat(invoice.attempts()).isZero();
        assertThat(calls).doesNotContain("create invoice inv-1");
    }

    @Test
    void a_reference_the_platform_never_sends_waits_then_fails_naming_it() throws Exception {
        record(EntityType.PAYMENT, "pay-1", Map.of("invoice", "inv-ghost"));
        await(worker.drainOnce("w"));
        SyncRecordView waiting = view(EntityType.PAYMENT, "pay-1");
        assertThat(waiting.status()).isEqualTo(SyncStatus.WAITING);
        assertThat(waiting.reason()).contains("invoice inv-ghost");

        clock.advance(Duration.ofHours(25));
        drainUntilQuiet();
        SyncRecordView failed = view(EntityType.PAYMENT, "pay-1");
        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.lastError())
                .isEqualTo("payment pay-1 refers to invoice inv-ghost, which the platform never sent (waited PT24H)");
    }

    @Test
    void an_entity_that_would_depend_on_itself_fails_with_a_clear_error() throws Exception {
        record(EntityType.INVOICE, "inv-1", Map.of("self", "inv-1"));
        drainUntilQuiet();
        assertThat(view(EntityType.INVOICE, "inv-1").lastError()).isEqualTo("invoice inv-1 cannot depend on itself");
    }

    @Test
    void a_change_during_a_run_is_pushed_as_an_update_after_it() throws Exception {
        recordCustomer("cus-1");
        contacts.onCall("create", () -> recordChanged("cus-1"));
        drainUntilQuiet();
        assertThat(contacts.calls()).containsSubsequence("create", "update");
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void a_run_whose_lease_was_lost_records_nothing_and_the_next_run_looks_for_its_marker_first() throws Exception {
        recordCustomer("cus-1");
        contacts.onCall("create", () -> {
            clock.advance(Duration.ofMinutes(3));
            await(store.releaseExpired(
                    clock.instant(),
                    s -> machine.apply(s, new io.zohosync.domain.sync.SyncEvent.LeaseExpired(), clock.instant())));
        });
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.PENDING);
        assertThat(observed).isEmpty();

        drainUntilQuiet();
        assertThat(contacts.calls()).containsSubsequence("create", "findByMarker");
        assertThat(contacts.contacts()).hasSize(1);
        assertThat(view(EntityType.CUSTOMER, "cus-1").reason()).contains("earlier attempt");
    }

    @Test
    void a_pass_ends_when_its_jobs_runs_have_and_recorded_waits_for_their_outcomes() throws Exception {
        recordCustomer("cus-1");
        Promise<Void> go = Promise.promise();
        SyncWorker overlapping = workerOver(outcomesHeldUntil(go.future()));

        SyncWorker.Drained drained = await(overlapping.pass("w"));

        assertThat(drained.ran()).isEqualTo(1);
        assertThat(contacts.calls()).containsOnlyOnce("create");
        assertThat(status(EntityType.CUSTOMER, "cus-1"))
                .as("the run has ended; its outcome is not recorded yet")
                .isEqualTo(SyncStatus.SYNCING);
        Future<Void> recorded = overlapping.recorded();
        assertThat(recorded.isComplete()).isFalse();
        go.complete();
        await(recorded);
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
    }

    /** The store's job queue, each outcome recorded only once {@code go} completes. */
    private SyncJobs outcomesHeldUntil(Future<Void> go) {
        return (SyncJobs) Proxy.newProxyInstance(
                SyncJobs.class.getClassLoader(),
                new Class<?>[] {SyncJobs.class},
                (proxy, method, args) -> method.getName().equals("complete")
                        ? go.compose(x -> (Future<?>) onStore(method, args))
                        : onStore(method, args));
    }

    private Object onStore(Method method, Object[] args) {
        try {
            return method.invoke(store, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_passes_look_for_expired_leases_at_most_once_a_second() throws Exception {
        recordCustomer("cus-1");
        Instant claimedAt = clock.instant();
        // a worker that died holding it: its lease runs two minutes
        assertThat(await(store.claimDue(
                        "dead",
                        10,
                        Duration.ofMinutes(2),
                        claimedAt,
                        s -> machine.apply(
                                s,
                                new io.zohosync.domain.sync.SyncEvent.Claimed(
                                        "dead", claimedAt.plus(Duration.ofMinutes(2))),
                                claimedAt))))
                .hasSize(1);

        clock.advance(Duration.ofMinutes(2).minusMillis(500));
        await(worker.drainOnce("w"));
        // expired now, but the last look was half a second ago: it waits for the next
        clock.advance(Duration.ofMillis(600));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCING);
        assertThat(contacts.calls()).isEmpty();

        clock.advance(SyncWorker.RESCUE_EVERY.minusMillis(600));
        drainUntilQuiet();
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(contacts.calls()).containsOnlyOnce("create");
    }

    @Test
    void a_returning_customer_is_never_looked_for_by_marker_on_a_retry_because_it_is_never_created() throws Exception {
        await(intake().record(new Command(
                EntityType.CUSTOMER,
                "cus-r",
                Map.of("first_name", "Grace", "last_name", "Hopper", "email", "grace@example.com", "returning", true),
                null,
                null)));
        contacts.thenAnswer(new ZohoOutcome.Outage<>("timeout"));
        await(worker.drainOnce("w"));
        clock.advance(Duration.ofMinutes(2));
        drainUntilQuiet();
        assertThat(contacts.calls()).doesNotContain("findByMarker", "create");
        assertThat(status(EntityType.CUSTOMER, "cus-r")).isEqualTo(SyncStatus.FAILED);
    }

    @Test
    void a_namesake_holding_the_contact_name_makes_the_new_contact_name_and_email() throws Exception {
        contacts.add("Ada Lovelace", "other@example.com", null);
        recordCustomer("cus-1");
        drainUntilQuiet();
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(contacts.contacts())
                .extracting(c -> c.contactName())
                .containsExactly("Ada Lovelace", "Ada Lovelace (cus-1@example.com)");
    }

    @Test
    void a_contact_two_customers_share_is_never_rewritten_by_either() throws Exception {
        contacts.add("The Lovelaces", "family@example.com", null);
        record(EntityType.CUSTOMER, "cus-a", Map.of("first_name", "Ada", "email", "family@example.com"));
        record(EntityType.CUSTOMER, "cus-b", Map.of("first_name", "Byron", "email", "family@example.com"));
        drainUntilQuiet();
        assertThat(view(EntityType.CUSTOMER, "cus-a").zohoId())
                .isEqualTo(view(EntityType.CUSTOMER, "cus-b").zohoId());

        record(
                EntityType.CUSTOMER,
                "cus-a",
                Map.of("first_name", "Ada", "last_name", "King", "email", "family@example.com"));
        drainUntilQuiet();
        assertThat(contacts.calls()).doesNotContain("update");
        assertThat(view(EntityType.CUSTOMER, "cus-a").reason()).contains("none of them rewrites it");
        assertThat(contacts.contacts().get(0).contactName()).isEqualTo("The Lovelaces");
    }

    @Test
    void a_contact_that_existed_before_the_service_is_not_rewritten_by_a_change() throws Exception {
        contacts.add("Ada L.", "ada@example.com", "a note someone wrote");
        record(
                EntityType.CUSTOMER,
                "cus-1",
                Map.of("first_name", "Ada", "last_name", "Lovelace", "email", "ada@example.com"));
        drainUntilQuiet();
        record(
                EntityType.CUSTOMER,
                "cus-1",
                Map.of("first_name", "Ada", "last_name", "King", "email", "ada@example.com"));
        drainUntilQuiet();
        assertThat(contacts.calls()).doesNotContain("update");
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(view(EntityType.CUSTOMER, "cus-1").reason()).contains("did not create");
    }

    @Test
    void a_prerequisite_in_zoho_whose_latest_update_failed_still_lets_its_dependants_through() throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        drainUntilQuiet();
        items.failUpdates(new ZohoOutcome.Validation<>("1001", "the rate is negative"));
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga", "rate", "-1"));
        drainUntilQuiet();
        assertThat(view(EntityType.ITEM, "YOGA").status()).isEqualTo(SyncStatus.FAILED);
        assertThat(view(EntityType.ITEM, "YOGA").zohoId()).isNotNull();

        record(EntityType.INVOICE, "inv-1", Map.of("items", List.of("YOGA")));
        drainUntilQuiet();
        assertThat(status(EntityType.INVOICE, "inv-1")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void an_admin_linking_a_prerequisite_by_hand_wakes_what_waits_for_it() throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of());
        items.failCreateOf("YOGA", new ZohoOutcome.Outage<>("503 from Books"));
        record(EntityType.INVOICE, "inv-1", Map.of("items", List.of("YOGA")));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.ITEM, "YOGA")).isEqualTo(SyncStatus.RETRYING);
        assertThat(status(EntityType.INVOICE, "inv-1")).isEqualTo(SyncStatus.WAITING);

        List<AdminActionEntry> audited = new ArrayList<>();
        var admin = admin(audited, new ArrayList<>());
        items.add("YOGA", "item-zoho-1");
        await(admin.apply(link("YOGA", "item-zoho-1")));
        assertThat(audited).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("ada@shop.example");
            assertThat(entry.action()).isEqualTo("link");
            assertThat(entry.at()).isEqualTo(clock.instant());
            assertThat(entry.detail()).isEqualTo("linked to Zoho item-zoho-1: retrying → manual");
        });

        SyncRecordView invoice = view(EntityType.INVOICE, "inv-1");
        assertThat(invoice.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(invoice.nextRunAt()).isEqualTo(clock.instant());
        await(worker.drainOnce("w"));
        assertThat(invoices.written("inv-1").orElseThrow().links())
                .containsEntry(new EntityRef(EntityType.ITEM, "YOGA"), "item-zoho-1");
    }

    @Test
    void a_hand_links_check_waits_for_the_budget_a_moment_and_names_what_kept_zoho_from_answering() throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of());
        items.failCreateOf("YOGA", new ZohoOutcome.Outage<>("503 from Books"));
        await(worker.drainOnce("w"));
        items.add("YOGA", "item-zoho-1");
        List<Instant> pauses = new ArrayList<>();
        var admin = admin(new ArrayList<>(), pauses);

        // the budget full for a moment (the queue's jobs hold it): the check waits for it, then links
        calls.clear();
        items.readsFirst(
                new ZohoOutcome.RateLimited<>(Scope.CONCURRENCY, Duration.ZERO, "API budget for BOOKS spent"),
                new ZohoOutcome.RateLimited<>(Scope.MINUTE, Duration.ofSeconds(2), "API budget for BOOKS spent"));
        AdminSyncUseCase.Result linked = await(admin.apply(link("YOGA", "item-zoho-1")));
        assertThat(linked).isInstanceOf(AdminSyncUseCase.Result.Changed.class);
        assertThat(calls).containsExactly("read item item-zoho-1", "read item item-zoho-1", "read item item-zoho-1");
        // at least a quarter of a second between two tries, however soon the budget says it reopens
        assertThat(pauses)
                .containsExactly(
                        clock.instant().plusMillis(250), clock.instant().plusSeconds(2));

        // beyond the check's patience: refused at once, saying why, and nothing changed
        pauses.clear();
        items.readsFirst(
                new ZohoOutcome.RateLimited<>(Scope.MINUTE, Duration.ofSeconds(40), "API budget for BOOKS spent"));
        AdminSyncUseCase.Result refused = await(admin.apply(link("YOGA", "item-zoho-2")));
        assertThat(refused)
                .isEqualTo(new AdminSyncUseCase.Result.ZohoUnavailable("Zoho could not be asked about record"
                        + " item-zoho-2 now (API budget for BOOKS spent; try again in 40 s); nothing changed, try"
                        + " again in a moment"));
        assertThat(pauses).isEmpty();

        // a budget that keeps saying "now" while the clock stands still: tried for the patience's worth of waits,
        // then refused (a wait under a second is said as 1 s)
        for (int i = 0; i < 21; i++) {
            items.readsFirst(new ZohoOutcome.RateLimited<>(
                    Scope.CONCURRENCY, Duration.ofMillis(10), "API budget for BOOKS spent"));
        }
        AdminSyncUseCase.Result busy = await(admin.apply(link("YOGA", "item-zoho-2")));
        assertThat(busy)
                .isEqualTo(new AdminSyncUseCase.Result.ZohoUnavailable("Zoho could not be asked about record"
                        + " item-zoho-2 now (API budget for BOOKS spent; try again in 1 s); nothing changed, try"
                        + " again in a moment"));
        assertThat(pauses).hasSize(20);
        assertThat(view(EntityType.ITEM, "YOGA").zohoId()).isEqualTo("item-zoho-1");
    }

    private AdminSyncService admin(List<AdminActionEntry> audited, List<Instant> pauses) {
        return new AdminSyncService(
                store,
                new Dependants(store, machine, observer),
                new Handlers(handlers),
                machine,
                entry -> {
                    audited.add(entry);
                    return Future.succeededFuture();
                },
                at -> {
                    pauses.add(at);
                    return Future.succeededFuture();
                },
                clock);
    }

    private static AdminSyncUseCase.Command link(String item, String zohoId) {
        return new AdminSyncUseCase.Command(
                new SyncKey(EntityType.ITEM, item, SyncTarget.BOOKS),
                AdminSyncUseCase.Action.LINK,
                zohoId,
                "ada@shop.example");
    }

    @Test
    void a_customer_that_meets_more_transient_faults_than_attempts_still_syncs_without_an_admin() throws Exception {
        recordCustomer("cus-1");
        for (int fault = 0; fault < 7; fault++) {
            contacts.thenAnswer(new ZohoOutcome.Outage<>("connection reset"));
        }
        for (int run = 0; run < 7; run++) {
            await(worker.drainOnce("w"));
            SyncRecordView retrying = view(EntityType.CUSTOMER, "cus-1");
            assertThat(retrying.status()).as("after fault %d", run + 1).isEqualTo(SyncStatus.RETRYING);
            assertThat(retrying.attempts())
                    .as("a transient fault uses no attempt")
                    .isZero();
            assertThat(retrying.reason())
                    .startsWith("transient fault " + (run + 1) + " since 2026-03-01T09:00:00Z; retry at ")
                    .endsWith("; attempt 1 of 3 not used");
            clock.advance(Duration.between(clock.instant(), retrying.nextRunAt()));
        }
        await(worker.drainOnce("w"));

        SyncRecordView synced = view(EntityType.CUSTOMER, "cus-1");
        assertThat(synced.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(synced.attempts()).isEqualTo(1);
        assertThat(contacts.contacts()).hasSize(1);
        assertThat(observed.stream().filter(o -> o.endsWith(" outage")).count()).isEqualTo(7);
    }

    @Test
    void a_run_that_breaks_down_on_our_side_is_tried_again_without_using_an_attempt() throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of());
        items.breakNextCall(new IllegalStateException("connection reset by the database"));
        await(worker.drainOnce("w"));
        SyncRecordView interrupted = view(EntityType.ITEM, "YOGA");
        assertThat(interrupted.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(interrupted.attempts()).isZero();
        assertThat(interrupted.lastError()).isEqualTo("internal error: IllegalStateException");
        clock.advance(Duration.ofMinutes(1));
        drainUntilQuiet();
        assertThat(status(EntityType.ITEM, "YOGA")).isEqualTo(SyncStatus.SYNCED);
        assertThat(view(EntityType.ITEM, "YOGA").attempts()).isEqualTo(1);
    }

    @Test
    void the_wait_for_a_reference_never_sent_counts_from_the_entitys_last_change() throws Exception {
        record(EntityType.PAYMENT, "pay-1", Map.of());
        drainUntilQuiet();
        clock.advance(Duration.ofHours(30));
        record(EntityType.PAYMENT, "pay-1", Map.of("invoice", "inv-late"));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.PAYMENT, "pay-1"))
                .as("a day old, but the reference is new")
                .isEqualTo(SyncStatus.WAITING);
        record(EntityType.INVOICE, "inv-late", Map.of());
        drainUntilQuiet();
        assertThat(status(EntityType.PAYMENT, "pay-1")).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void a_customer_kept_in_books_and_in_crm_has_a_record_for_each_with_its_own_state() throws Exception {
        FakeDocuments crm = new FakeDocuments(EntityType.CUSTOMER, SyncTarget.CRM, calls);
        List<SyncHandler<?>> both = List.of(new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT), crm);
        SyncWorker twoTargets = workerFor(both, 10);
        IntakeService intake = routedTo(both, SyncTarget.BOOKS, SyncTarget.CRM);
        crm.failCreateOf("cus-1", new ZohoOutcome.Validation<>("MANDATORY_NOT_FOUND", "Last_Name is required"));

        var recorded = (io.zohosync.ports.in.RecordEntityUseCase.Result.Recorded) await(intake.record(new Command(
                EntityType.CUSTOMER,
                "cus-1",
                Map.of("last_name", "Lovelace", "email", "ada@example.com"),
                null,
                null)));
        assertThat(recorded.syncs()).containsOnlyKeys(SyncTarget.BOOKS, SyncTarget.CRM);
        await(twoTargets.drainOnce("w"));

        SyncRecordView books = await(store.find(new SyncKey(EntityType.CUSTOMER, "cus-1", SyncTarget.BOOKS)))
                .orElseThrow();
        SyncRecordView inCrm = await(store.find(new SyncKey(EntityType.CUSTOMER, "cus-1", SyncTarget.CRM)))
                .orElseThrow();
        assertThat(books.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(inCrm.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(inCrm.lastError()).contains("Last_Name is required");
        assertThat(await(store.findAll(new EntityRef(EntityType.CUSTOMER, "cus-1"))))
                .hasSize(2);
    }

    @Test
    void a_busy_worker_asks_only_about_the_products_it_found_jobs_for_and_about_the_others_once_a_second()
            throws Exception {
        FakeDocuments crm = new FakeDocuments(EntityType.CUSTOMER, SyncTarget.CRM, calls);
        List<SyncHandler<?>> both = List.of(new CustomerBooksHandler(contacts, MatchPolicy.DEFAULT), crm);
        // one job a pass, so that each pass that finds a Books job fills up
        SyncWorker oneAPass = workerFor(both, 1);
        for (int i = 1; i <= 4; i++) {
            await(routedTo(both, SyncTarget.BOOKS).record(customer("cus-" + i)));
        }

        assertThat(await(oneAPass.drainOnce("w"))).isEqualTo(new SyncWorker.Drained(1, true, null));
        assertThat(headroomsSince(0))
                .as("the first pass looks at every product")
                .containsExactly("headroom BOOKS", "headroom CRM");
        await(routedTo(both, SyncTarget.CRM).record(customer("crm-1")));
        int asked = headroomsSince(0).size();
        for (int pass = 0; pass < 2; pass++) {
            clock.advance(Duration.ofMillis(400));
            assertThat(await(oneAPass.drainOnce("w"))).isEqualTo(new SyncWorker.Drained(1, true, null));
        }
        assertThat(headroomsSince(asked))
                .as("while Books fills each pass, only Books is asked about")
                .containsExactly("headroom BOOKS", "headroom BOOKS");
        assertThat(calls).as("the CRM job waits").isEmpty();

        asked = headroomsSince(0).size();
        clock.advance(Duration.ofMillis(400));
        await(oneAPass.drainOnce("w"));
        assertThat(headroomsSince(asked))
                .as("1.2 s after the last look at every product, the next pass looks again")
                .containsExactly("headroom BOOKS", "headroom CRM");

        // one job is left (Books or CRM, whichever the last pass did not take); the pass that finds none of the
        // products it looked at says to go on at once, and the next looks at every product
        for (int pass = 0; pass < 4; pass++) {
            clock.advance(Duration.ofMillis(10));
            await(oneAPass.drainOnce("w"));
        }
        assertThat(await(store.find(new SyncKey(EntityType.CUSTOMER, "crm-1", SyncTarget.CRM)))
                        .orElseThrow()
                        .status())
                .isEqualTo(SyncStatus.SYNCED);
        for (int i = 1; i <= 4; i++) {
            assertThat(status(EntityType.CUSTOMER, "cus-" + i)).isEqualTo(SyncStatus.SYNCED);
        }
        clock.advance(Duration.ofMillis(10));
        assertThat(await(oneAPass.drainOnce("w")))
                .as("the queue is empty: the pass looked at every product and found nothing")
                .isEqualTo(new SyncWorker.Drained(0, false, null));
    }

    /** A worker over this test's store, budget and clock with {@code handlers}, claiming {@code batch} jobs a pass. */
    private SyncWorker workerFor(List<SyncHandler<?>> handlers, int batch) {
        return new SyncWorker(
                store,
                budget,
                new Dependants(store, machine, observer),
                new SyncRunner(new Handlers(handlers), store, store, store, budget, SyncRunner.Settings.DEFAULT),
                observer,
                machine,
                clock,
                new SyncWorker.Settings(batch, Duration.ofMinutes(2)));
    }

    /** An intake of customers (mapped by the first of {@code handlers}) kept in {@code targets}. */
    private IntakeService routedTo(List<SyncHandler<?>> handlers, SyncTarget... targets) {
        return new IntakeService(
                store,
                List.of(handlers.get(0).mapping()),
                new Routing(Map.of(EntityType.CUSTOMER, List.of(targets))),
                machine,
                clock);
    }

    private static Command customer(String id) {
        return new Command(
                EntityType.CUSTOMER,
                id,
                Map.of("first_name", "Ada", "last_name", "Lovelace", "email", id + "@example.com"),
                null,
                null);
    }

    /** The budget's headroom questions from the {@code from}th on. */
    private List<String> headroomsSince(int from) {
        List<String> all =
                budget.events().stream().filter(e -> e.startsWith("headroom")).toList();
        return all.subList(from, all.size());
    }

    @Test
    void a_job_reserves_its_planned_calls_first_and_a_refusal_makes_no_call_and_waits_until_they_all_fit()
            throws Exception {
        recordCustomer("cus-1");
        Instant fits = clock.instant().plusSeconds(40);
        budget.refuse(new BudgetPermit.Denied(ZohoOutcome.RateLimited.Scope.MINUTE, fits));

        await(worker.drainOnce("w"));
        assertThat(contacts.calls()).as("no call before the reservation").isEmpty();
        assertThat(view(EntityType.CUSTOMER, "cus-1").status()).isEqualTo(SyncStatus.PENDING);
        assertThat(view(EntityType.CUSTOMER, "cus-1").nextRunAt()).isEqualTo(fits);
        assertThat(view(EntityType.CUSTOMER, "cus-1").attempts()).isZero();

        budget.allow();
        clock.advance(Duration.ofSeconds(40));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);
        assertThat(contacts.calls()).containsExactly("findByEmail", "create");
        assertThat(budget.events().stream().filter(e -> !e.startsWith("headroom")))
                .containsExactly("refused BOOKS 2", "reserve BOOKS 2", "finish BOOKS 2");
    }

    @Test
    void a_job_the_budget_refuses_a_call_midway_reserves_twice_as_many_calls_next_time_and_then_as_planned_again()
            throws Exception {
        recordCustomer("cus-1");
        // the budget refuses the create, the job's second call: as it refuses a call beyond a reservation whose slots
        // a tight minute limit frees one at a time
        contacts.onCall(
                "create",
                () -> contacts.thenAnswer(new ZohoOutcome.RateLimited<>(
                        ZohoOutcome.RateLimited.Scope.MINUTE, Duration.ofSeconds(3), "no permit for that call")));

        await(worker.drainOnce("w"));
        assertThat(view(EntityType.CUSTOMER, "cus-1").status()).isEqualTo(SyncStatus.PENDING);
        assertThat(view(EntityType.CUSTOMER, "cus-1").attempts()).isZero();

        clock.advance(Duration.ofSeconds(3));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.CUSTOMER, "cus-1")).isEqualTo(SyncStatus.SYNCED);

        recordChanged("cus-1");
        await(worker.drainOnce("w"));
        assertThat(budget.events().stream().filter(e -> !e.startsWith("headroom")))
                .as("the second run reserves all it may need at once; once synced, the job plans as before")
                .containsExactly(
                        "reserve BOOKS 2",
                        "finish BOOKS 2",
                        "reserve BOOKS 4",
                        "finish BOOKS 4",
                        "reserve BOOKS 1",
                        "finish BOOKS 1");
    }

    @Test
    void the_worker_claims_nothing_while_the_budget_has_no_room_and_no_more_jobs_than_it_has_room_for()
            throws Exception {
        recordCustomer("cus-1");
        recordCustomer("cus-2");
        recordCustomer("cus-3");
        int logged = store.log().size();
        Instant opens = clock.instant().plusSeconds(1);
        budget.headroom(new ZohoBudget.Headroom(0, opens));

        for (int i = 0; i < 5; i++) {
            assertThat(await(worker.drainOnce("w"))).isEqualTo(new SyncWorker.Drained(0, false, opens));
        }
        assertThat(store.log()).as("nothing claimed, nothing logged").hasSize(logged);
        assertThat(contacts.calls()).isEmpty();

        budget.headroom(new ZohoBudget.Headroom(2, clock.instant()));
        assertThat(await(worker.drainOnce("w"))).isEqualTo(new SyncWorker.Drained(2, true, null));
        assertThat(contacts.calls().stream().filter(c -> c.equals("findByEmail")))
                .as("two jobs ran")
                .hasSize(2);
    }

    @Test
    void a_record_found_by_its_marker_after_a_lost_answer_is_completed_by_its_handler_before_it_is_linked()
            throws Exception {
        recordCustomer("cus-1");
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        drainUntilQuiet();
        invoices.failCreateOf("inv-1", new ZohoOutcome.Outage<>("connection reset after the write"));
        record(EntityType.INVOICE, "inv-1", Map.of("customer", "cus-1", "items", List.of("YOGA")));
        await(worker.drainOnce("w"));
        assertThat(status(EntityType.INVOICE, "inv-1")).isEqualTo(SyncStatus.RETRYING);
        invoices.add("inv-1", "invoice-z77"); // the create had landed in Zoho after all
        invoices.failNextCompletion(new ZohoOutcome.Outage<>("the status action timed out"));

        drainUntilQuiet();

        assertThat(calls)
                .as("a failed completion links nothing; the next attempt looks and completes again")
                .containsSubsequence(
                        "findByMarker invoice inv-1",
                        "complete invoice inv-1 as invoice-z77",
                        "findByMarker invoice inv-1",
                        "complete invoice inv-1 as invoice-z77");
        assertThat(calls.stream().filter(c -> c.equals("create invoice inv-1"))).hasSize(1);
        SyncRecordView linked = view(EntityType.INVOICE, "inv-1");
        assertThat(linked.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(linked.zohoId()).isEqualTo("invoice-z77");
        assertThat(linked.reason()).contains("earlier attempt");
    }

    // ---- helpers

    private void arriveInOrder(List<String> order) throws Exception {
        record(EntityType.ITEM, "YOGA", Map.of("name", "Yoga"));
        for (String what : order) {
            switch (what) {
                case "customer" -> recordCustomer("cus-1");
                case "invoice" ->
                    record(EntityType.INVOICE, "inv-1", Map.of("customer", "cus-1", "items", List.of("YOGA")));
                default -> record(EntityType.PAYMENT, "pay-1", Map.of("customer", "cus-1", "invoice", "inv-1"));
            }
            await(worker.drainOnce("w"));
        }
    }

    private void drainUntilQuiet() throws Exception {
        for (int round = 0; round < 50; round++) {
            int ran = await(worker.drainOnce("w")).ran();
            if (ran == 0) {
                clock.advance(Duration.ofMinutes(6));
                if (await(worker.drainOnce("w")).ran() == 0) {
                    return;
                }
            }
        }
        throw new AssertionError("the queue never went quiet");
    }

    private IntakeService intake() {
        return new IntakeService(
                store,
                mappings(),
                new Routing(Map.of(
                        EntityType.CUSTOMER,
                        List.of(SyncTarget.BOOKS),
                        EntityType.INVOICE,
                        List.of(SyncTarget.BOOKS),
                        EntityType.PAYMENT,
                        List.of(SyncTarget.BOOKS),
                        EntityType.ITEM,
                        List.of(SyncTarget.BOOKS))),
                machine,
                clock);
    }

    private List<io.zohosync.ports.intake.EntityMapping<?>> mappings() {
        return handlers.stream()
                .<io.zohosync.ports.intake.EntityMapping<?>>map(SyncHandler::mapping)
                .toList();
    }

    private void record(EntityType type, String id, Map<String, Object> body) throws Exception {
        await(intake().record(new Command(type, id, body, null, null)));
    }

    private void recordCustomer(String id) throws Exception {
        await(intake().record(customer(id)));
    }

    private void recordChanged(String id) {
        await(intake().record(new Command(
                EntityType.CUSTOMER,
                id,
                Map.of("first_name", "Ada", "last_name", "King", "email", id + "@example.com"),
                null,
                null)));
    }

    private SyncStatus status(EntityType type, String id) throws Exception {
        return view(type, id).status();
    }

    private SyncRecordView view(EntityType type, String id) throws Exception {
        return await(store.find(new SyncKey(type, id, SyncTarget.BOOKS))).orElseThrow();
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
