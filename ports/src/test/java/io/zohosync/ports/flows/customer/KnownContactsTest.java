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
        assertThat(contacts.calls()).as("the fill: every page").hasSize(4);
        for (int i = 0; i < 3; i++) {
            contacts.add("New " + i, "new" + i + "@example.com", "");
        }

        assertThat(known.refreshDue()).isFalse();
        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);
        assertThat(contacts.calls()).as("not due: no call").hasSize(4);
        clock.advance(Duration.ofSeconds(30));
        assertThat(await(known.fresh())).isInstanceOf(ZohoOutcome.Success.class);

        // [new2, new1], [new0, old6 (the second seen: listed again)], [old5, old4]: older than seen, stop
        assertThat(contacts.calls()).hasSize(7);
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

        assertThat(contacts.calls()).as("3 pages to fill, 3 again to refresh").hasSize(6);
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
