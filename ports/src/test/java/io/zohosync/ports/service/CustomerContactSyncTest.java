package io.zohosync.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.customer.Address;
import io.zohosync.domain.customer.Customer;
import io.zohosync.domain.customer.CustomerKind;
import io.zohosync.domain.matching.MatchPolicy;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.ports.in.CustomerRegistration;
import io.zohosync.ports.in.RegisterCustomerCommand;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.CustomerStore;
import io.zohosync.ports.out.zoho.ZohoContacts;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CustomerContactSyncTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final InMemoryZohoContacts zoho = new InMemoryZohoContacts();

    @Test
    void a_new_customer_unknown_to_zoho_is_created_with_its_marker() {
        JobDecision decision = run(customer("c-1", "ada@example.com", CustomerKind.NEW), job("c-1", false, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.Succeeded.class);
        assertThat(zoho.contacts()).singleElement()
                .satisfies(c -> assertThat(c.notes()).isEqualTo(ZohoContacts.marker("c-1")));
        assertThat(((SyncEvent.Succeeded) decision.event()).zohoId()).isEqualTo(zoho.contacts().get(0).contactId());
    }

    @Test
    void a_new_customer_whose_email_zoho_has_once_is_linked_and_nothing_is_created() {
        var existing = zoho.add("Ada L.", " ADA@Example.com ", null);

        JobDecision decision = run(customer("c-2", "ada@example.com", CustomerKind.NEW), job("c-2", false, null));

        assertThat(decision.event()).isEqualTo(new SyncEvent.Linked(existing.contactId(),
                ((SyncEvent.Linked) decision.event()).reason()));
        assertThat(decision.logEvent()).isEqualTo("linked_by_email");
        assertThat(zoho.calls()).doesNotContain("create");
    }

    @Test
    void two_contacts_with_the_email_make_the_sync_wait_for_an_admin() {
        zoho.add("Ada One", "ada@example.com", null);
        zoho.add("Ada Two", "ada@example.com", null);

        JobDecision decision = run(customer("c-3", "ada@example.com", CustomerKind.NEW), job("c-3", false, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.Ambiguous.class);
        assertThat(((SyncEvent.Ambiguous) decision.event()).candidateIds()).hasSize(2);
        assertThat(zoho.calls()).doesNotContain("create");
    }

    @Test
    void a_returning_customer_without_an_email_match_is_linked_by_name() {
        var byName = zoho.add("Ada Lovelace", "old-address@example.com", null);

        JobDecision decision = run(customer("c-4", "ada@new.example.com", CustomerKind.RETURNING), job("c-4", false, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.Linked.class);
        assertThat(((SyncEvent.Linked) decision.event()).zohoId()).isEqualTo(byName.contactId());
        assertThat(decision.logEvent()).isEqualTo("linked_by_name");
        assertThat(zoho.calls()).containsExactly("findByEmail", "findByName");
    }

    @Test
    void a_returning_customer_zoho_does_not_know_fails_for_an_admin_to_link() {
        JobDecision decision = run(customer("c-5", "nobody@example.com", CustomerKind.RETURNING), job("c-5", false, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.NoMatch.class);
        assertThat(((SyncEvent.NoMatch) decision.event()).reason()).contains("no matching contact");
        assertThat(zoho.calls()).doesNotContain("create");
    }

    @Test
    void after_an_unknown_outcome_the_contact_an_earlier_attempt_created_is_linked_not_created_again() {
        var earlier = zoho.add("Ada Lovelace", "ada@example.com", ZohoContacts.marker("c-6"));

        JobDecision decision = run(customer("c-6", "ada@example.com", CustomerKind.NEW), job("c-6", true, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.Linked.class);
        assertThat(((SyncEvent.Linked) decision.event()).zohoId()).isEqualTo(earlier.contactId());
        assertThat(decision.logEvent()).isEqualTo("linked_by_marker");
        assertThat(zoho.calls()).containsExactly("findByMarker");
    }

    @Test
    void after_an_unknown_outcome_with_no_marker_found_the_contact_is_created() {
        JobDecision decision = run(customer("c-7", "ada7@example.com", CustomerKind.NEW), job("c-7", true, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.Succeeded.class);
        assertThat(zoho.calls()).containsExactly("findByMarker", "findByEmail", "create");
    }

    @Test
    void a_linked_customer_that_changed_updates_its_contact() {
        var linked = zoho.add("Ada Lovelace", "ada@example.com", ZohoContacts.marker("c-8"));

        JobDecision decision = run(customer("c-8", "ada@new.example.com", CustomerKind.NEW), job("c-8", false, linked.contactId()));

        assertThat(decision.event()).isEqualTo(new SyncEvent.Succeeded(linked.contactId()));
        assertThat(zoho.contacts().get(0).email()).isEqualTo("ada@new.example.com");
    }

    @Test
    void an_outage_while_creating_is_retryable() {
        zoho.thenAnswer(new ZohoOutcome.Success<>(List.of())).thenAnswer(new ZohoOutcome.Outage<>("read timed out"));

        JobDecision decision = run(customer("c-9", "ada9@example.com", CustomerKind.NEW), job("c-9", false, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.RetryableFailure.class);
    }

    @Test
    void a_rate_limit_defers_the_sync_until_zoho_allows_calls_again() {
        zoho.thenAnswer(new ZohoOutcome.RateLimited<>(ZohoOutcome.RateLimited.Scope.MINUTE, Duration.ofSeconds(42), "code 44"));

        JobDecision decision = run(customer("c-10", "ada10@example.com", CustomerKind.NEW), job("c-10", false, null));

        assertThat(decision.event()).isEqualTo(new SyncEvent.BudgetExhausted(NOW.plusSeconds(42)));
        assertThat(decision.logEvent()).isEqualTo("deferred_minute");
    }

    @Test
    void a_validation_error_is_permanent_and_keeps_zohos_code_and_message() {
        zoho.thenAnswer(new ZohoOutcome.Success<>(List.of())).thenAnswer(new ZohoOutcome.Validation<>("14", "Invalid value passed for email"));

        JobDecision decision = run(customer("c-11", "ada11@example.com", CustomerKind.NEW), job("c-11", false, null));

        assertThat(decision.event()).isInstanceOf(SyncEvent.PermanentFailure.class);
        assertThat(((SyncEvent.PermanentFailure) decision.event()).error()).contains("[14]", "Invalid value passed for email");
    }

    @Test
    void a_customer_no_longer_stored_fails_permanently_without_calling_zoho() {
        CustomerContactSync sync = new CustomerContactSync(store(null), zoho, MatchPolicy.DEFAULT);

        JobDecision decision = await(sync.run(job("gone", false, null), NOW));

        assertThat(decision.event()).isInstanceOf(SyncEvent.PermanentFailure.class);
        assertThat(zoho.calls()).isEmpty();
    }

    private JobDecision run(Customer customer, ClaimedJob job) {
        return await(new CustomerContactSync(store(customer), zoho, MatchPolicy.DEFAULT).run(job, NOW));
    }

    private static CustomerStore store(Customer customer) {
        return new CustomerStore() {
            @Override
            public Future<CustomerRegistration> saveAndEnqueue(RegisterCustomerCommand command, String target, Instant now) {
                throw new UnsupportedOperationException("not used by the sync");
            }

            @Override
            public Future<Optional<Customer>> find(String platformId) {
                return Future.succeededFuture(Optional.ofNullable(customer));
            }
        };
    }

    private static Customer customer(String id, String email, CustomerKind kind) {
        return new Customer(id, "Ada", "Lovelace", email, null, null, Address.NONE, kind);
    }

    private static ClaimedJob job(String id, boolean unsure, String zohoId) {
        return new ClaimedJob(1, 1, "worker", "customer", id, "books", 0, "pending", unsure, zohoId);
    }

    private static <T> T await(Future<T> future) {
        assertThat(future.succeeded()).as("completed synchronously: %s", future.cause()).isTrue();
        return future.result();
    }
}
