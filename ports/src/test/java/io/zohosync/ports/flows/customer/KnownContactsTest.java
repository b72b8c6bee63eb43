package io.zohosync.ports.flows.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.testing.InMemoryContactIndex;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import io.zohosync.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contact index's fill by pages and its incremental refresh (issue 14). */
class KnownContactsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final InMemoryContactIndex index = new InMemoryContactIndex();

    @Test
    void a_refresh_reads_newest_first_only_until_a_page_reaches_what_the_last_one_had_seen() {
        InMemoryZohoContacts contacts = new InMemoryZohoContacts().pageSize(2);
        for (int i = 0; i < 7; i++) {
            contacts.add("Old " + i, "old" + i + "@example.com", "");
        }
        KnownContacts known = known(contacts);
        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(contacts.calls())
                .as("the fill: every page, then what changed since it started")
                .hasSize(5);
        for (int i = 0; i < 3; i++) {
            contacts.add("New " + i, "new" + i + "@example.com", "");
        }

        assertThat(known.refreshDue()).isFalse();
        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(contacts.calls()).as("not due: no call").hasSize(5);
        clock.advance(Duration.ofSeconds(30));
        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);

        // [new2, new1], [new0, old6 (the second seen: listed again)], [old5, old4]: older than seen, stop
        assertThat(contacts.calls()).hasSize(8);
        assertThat(index.entries()).hasSize(10);
        assertThat(await(index.byEmail("NEW0@example.com"))).hasSize(1);
    }

    @Test
    void should_books_not_sort_by_modification_every_contact_is_listed_again() {
        InMemoryZohoContacts contacts = new InMemoryZohoContacts().pageSize(2).ignoringSortOrder();
        for (int i = 0; i < 5; i++) {
            contacts.add("Old " + i, "old" + i + "@example.com", "");
        }
        KnownContacts known = known(contacts);
        await(known.fresh());
        contacts.add("New", "new@example.com", "");
        clock.advance(Duration.ofSeconds(30));

        await(known.fresh());

        assertThat(contacts.calls())
                .as("3 pages to fill, 3 again for what changed since it started, 3 again to refresh")
                .hasSize(9);
        assertThat(await(index.byEmail("new@example.com"))).hasSize(1);
    }

    @Test
    void a_failed_list_leaves_the_refresh_due_and_is_the_answer() {
        InMemoryZohoContacts contacts = new InMemoryZohoContacts();
        contacts.thenAnswer(new ZohoOutcome.Outage<>("Books is down"));
        KnownContacts known = known(contacts);

        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Outage.class);
        assertThat(known.refreshDue()).isTrue();
        assertThat(await(index.state())).isEmpty();
    }

    @Test
    void a_fill_the_budget_cuts_keeps_its_pages_and_resumes_not_used_for_matching_until_complete() {
        InMemoryZohoContacts contacts = new InMemoryZohoContacts().pageSize(2);
        for (int i = 0; i < 11; i++) {
            contacts.add("Old " + i, "old" + i + "@example.com", "");
        }
        KnownContacts known = known(contacts);
        refusedAt(contacts, 4);

        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.RateLimited.class);
        assertThat(await(index.state())).as("not complete: matching waits").isEmpty();
        assertThat(known.refreshDue()).isTrue();
        assertThat(index.entries()).as("the 3 pages read are kept").hasSize(6);
        assertThat(await(index.fillProgress()).orElseThrow().pagesRead()).isEqualTo(3);

        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);
        // 4 calls (the 4th refused); then pages 3 (one back) to 6, and the list of what changed since the start
        assertThat(contacts.calls()).hasSize(4 + 4 + 1);
        assertThat(index.entries()).hasSize(11);
        assertThat(await(index.state())).isPresent();
        assertThat(await(index.fillProgress())).isEmpty();
    }

    @Test
    void a_fill_longer_than_a_minute_of_budget_completes_over_attempts() {
        InMemoryZohoContacts contacts = new InMemoryZohoContacts().pageSize(2);
        for (int i = 0; i < 40; i++) {
            contacts.add("Old " + i, "old" + i + "@example.com", "");
        }
        KnownContacts known = known(contacts);
        int attempts = 0;
        ZohoOutcome<Void> outcome;
        do {
            // each attempt: 3 calls, then the budget refuses the 4th
            refusedAt(contacts, 4);
            outcome = await(known.fresh());
            attempts++;
        } while (!(outcome instanceof ZohoOutcome.Success<Void>) && attempts < 30);

        assertThat(outcome).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(attempts).as("20 pages, 2 new a attempt after the first's 3").isEqualTo(10);
        assertThat(index.entries()).hasSize(40);
    }

    @Test
    void a_contact_changed_during_the_fill_onto_a_page_read_before_is_listed_by_the_refresh_that_completes_it() {
        InMemoryZohoContacts contacts = new InMemoryZohoContacts().pageSize(2);
        for (int i = 0; i < 6; i++) {
            contacts.add("Old " + i, "old" + i + "@example.com", "");
        }
        String oldest = contacts.contacts().get(0).contactId();
        // while page 2 is read, the oldest contact (on page 3) is renamed: newest first, it moves onto page 1
        contacts.onCall("page", () -> contacts.onCall("page", () -> contacts.editInUi(oldest, "Renamed", "p-x")));
        KnownContacts known = known(contacts);

        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);

        assertThat(await(index.byId(oldest)).orElseThrow().contactName()).isEqualTo("Renamed");
        assertThat(index.entries()).hasSize(6);
    }

    /** The {@code n}th page call from now is refused by the API budget. */
    private static void refusedAt(InMemoryZohoContacts contacts, int n) {
        contacts.onCall(
                "page",
                n == 1
                        ? () -> contacts.thenAnswer(new ZohoOutcome.RateLimited<>(
                                ZohoOutcome.RateLimited.Scope.MINUTE,
                                Duration.ofSeconds(60),
                                "the API budget has no room"))
                        : () -> refusedAt(contacts, n - 1));
    }

    private KnownContacts known(InMemoryZohoContacts contacts) {
        return new KnownContacts(contacts, index, new KnownContacts.Settings(Duration.ofSeconds(30)), clock);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
