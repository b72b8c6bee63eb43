package io.zohosync.ports.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.ports.in.AdminActionEntry;
import io.zohosync.ports.in.ConsoleQuery.ContactSearch;
import io.zohosync.ports.in.CustomerPage;
import io.zohosync.ports.in.CustomerQuery;
import io.zohosync.ports.in.CustomerRow;
import io.zohosync.ports.in.Operations;
import io.zohosync.ports.in.RecordWait;
import io.zohosync.ports.in.SourceEvent;
import io.zohosync.ports.out.ConsoleReader;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetAccount.Meter;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.testing.InMemorySyncStore;
import io.zohosync.ports.testing.InMemoryZohoContacts;
import io.zohosync.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The console's reads: health figures from the log, the queue and the budget; customer pages; the contact search. */
class ConsoleServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final List<Instant> usageAsked = new ArrayList<>();
    private final List<CustomerQuery> customersAsked = new ArrayList<>();
    private final InMemoryZohoContacts contacts = new InMemoryZohoContacts();
    private List<CustomerRow> customers = List.of();

    private final ConsoleService service = new ConsoleService(
            new FakeReader(),
            new InMemorySyncStore(),
            new FakeHealth(),
            since -> {
                usageAsked.add(since);
                return Future.succeededFuture(
                        since.isBefore(NOW.minusSeconds(60))
                                ? Map.of(Meter.BOOKS_AND_INVENTORY, 420L)
                                : Map.of(Meter.BOOKS_AND_INVENTORY, 7L));
            },
            new InMemorySyncStore(),
            contacts,
            (key, zohoId) -> Optional.empty(),
            Map.of(
                    Meter.BOOKS_AND_INVENTORY,
                    new ZohoApiLimits(100, 1000, 10),
                    Meter.CRM,
                    new ZohoApiLimits(50, 5000, 5)),
            new MutableClock(NOW));

    @Test
    void operationsTellTheDaysOutcomesTheLagAndEachMetersUseAgainstItsAllowances() throws Exception {
        Operations operations = await(service.operations());

        assertThat(operations.syncedLastDay()).isEqualTo(57);
        assertThat(operations.failedLastDay()).isEqualTo(3);
        assertThat(operations.successRate()).isEqualTo(0.95);
        assertThat(operations.due()).isEqualTo(4);
        assertThat(operations.oldestDueSince()).isEqualTo(NOW.minus(Duration.ofMinutes(42)));
        assertThat(operations.budget())
                .containsExactly(
                        new Operations.MeterUse(Meter.BOOKS_AND_INVENTORY, 420, 7, 1000, 100),
                        new Operations.MeterUse(Meter.CRM, 0, 0, 5000, 50));
        assertThat(usageAsked).containsExactlyInAnyOrder(NOW.minus(Duration.ofHours(24)), NOW.minusSeconds(60));
    }

    @Test
    void aPageOfCustomersReadsOneMoreToKnowWhetherAnotherFollows() throws Exception {
        customers = List.of(row("c-1"), row("c-2"), row("c-3"));

        CustomerPage page = await(service.customers(new CustomerQuery(null, null, null, 2)));

        assertThat(customersAsked).containsExactly(new CustomerQuery(null, null, null, 3));
        assertThat(page.customers()).extracting(CustomerRow::id).containsExactly("c-1", "c-2");
        assertThat(page.nextAfter()).isEqualTo("c-2");
        customers = List.of(row("c-1"));
        assertThat(await(service.customers(new CustomerQuery(null, null, null, 2)))
                        .nextAfter())
                .isNull();
    }

    @Test
    void aSearchWithAnAtLooksForTheEmailAndOtherwiseForTheName() throws Exception {
        var ada = contacts.add("Ada Lovelace", "ada@example.com", null);

        assertThat(await(service.searchContacts(" ada@example.com "))).isEqualTo(new ContactSearch.Found(List.of(ada)));
        assertThat(await(service.searchContacts("Ada Lovelace"))).isEqualTo(new ContactSearch.Found(List.of(ada)));
        assertThat(contacts.calls()).containsExactly("findByEmail", "findByName");
    }

    @Test
    void aSearchZohoCannotAnswerSaysWhyAndFindsNothing() throws Exception {
        contacts.thenAnswer(
                new ZohoOutcome.RateLimited<>(ZohoOutcome.RateLimited.Scope.DAY, Duration.ofSeconds(30), "spent"));

        assertThat(await(service.searchContacts("ada@example.com")))
                .isEqualTo(new ContactSearch.Unavailable(
                        "Zoho Books could not be searched now (the API budget is spent); try again in a moment"));
    }

    @Test
    void aSearchRefusedByAnOpenCircuitSaysSoNotThatTheBudgetIsSpent() throws Exception {
        contacts.thenAnswer(new ZohoOutcome.RateLimited<>(
                ZohoOutcome.RateLimited.Scope.CIRCUIT_OPEN, Duration.ofSeconds(30), "open"));

        assertThat(await(service.searchContacts("ada@example.com")))
                .isEqualTo(
                        new ContactSearch.Unavailable("Zoho Books could not be searched now (its circuit is open after"
                                + " Zoho failed); try again in a moment"));
    }

    private static CustomerRow row(String id) {
        return new CustomerRow(id, "Ada", id + "@example.com", List.of());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private final class FakeReader implements ConsoleReader {
        @Override
        public Future<Outcomes> outcomesSince(Instant since) {
            assertThat(since).isEqualTo(NOW.minus(Duration.ofHours(24)));
            return Future.succeededFuture(new Outcomes(57, 3));
        }

        @Override
        public Future<List<SourceEvent>> sources(EntityRef entity, int limit) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<List<RecordWait>> prerequisites(EntityRef entity) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<List<RecordWait>> dependants(EntityRef entity) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<List<AdminActionEntry>> actions(EntityRef entity, int limit) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<List<CustomerRow>> customers(CustomerQuery query) {
            customersAsked.add(query);
            return Future.succeededFuture(customers.subList(0, Math.min(customers.size(), query.limit())));
        }
    }

    private static final class FakeHealth implements SyncHealthReader {
        @Override
        public Future<Activity> activity(Instant now) {
            return Future.succeededFuture(new Activity(Map.of(), 4, now.minus(Duration.ofMinutes(42)), null));
        }

        @Override
        public Future<List<Linked>> sample(int size) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<StoredConnection> connection(String connectionId) {
            return Future.succeededFuture(new StoredConnection(false, false, null));
        }
    }
}
