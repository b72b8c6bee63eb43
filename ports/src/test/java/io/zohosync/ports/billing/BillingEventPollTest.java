package io.zohosync.ports.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.ports.in.BillingEventsUseCase;
import io.zohosync.ports.out.BillingEventCursor;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBillingEvents;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoBudgetOutlook;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The events poll: back to the cursor, oldest first, the cursor after each, the first pass only remembering, pacing. */
class BillingEventPollTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    /** Zoho's event list, newest first (as the API answers), 2 a page. */
    private final List<ZohoBillingEvents.Listed> zoho = new ArrayList<>();

    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private Optional<String> cursor = Optional.empty();
    private int free = 5;
    private long due = 0;
    private boolean metered = false;

    private final ZohoBillingEvents events = new ZohoBillingEvents() {
        @Override
        public Future<ZohoOutcome<Page>> list(int page, int perPage) {
            int from = (page - 1) * 2;
            List<Listed> rows = zoho.subList(Math.min(from, zoho.size()), Math.min(from + 2, zoho.size()));
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(new Page(List.copyOf(rows), from + 2 < zoho.size())));
        }

        @Override
        public Future<ZohoOutcome<Map<String, Object>>> payload(String eventId) {
            fetched.add(eventId);
            return Future.succeededFuture(
                    new ZohoOutcome.Success<>(Map.of("subscription", Map.of("subscription_id", "S"))));
        }
    };

    private BillingEventPoll poll() {
        BillingEventCursor store = new BillingEventCursor() {
            @Override
            public Future<Optional<String>> lastSeen() {
                return Future.succeededFuture(cursor);
            }

            @Override
            public Future<Void> seen(String eventId, Instant eventTime, Instant now) {
                cursor = Optional.of(eventId);
                return Future.succeededFuture();
            }
        };
        BillingEventsUseCase useCase = event -> {
            applied.add(event.eventId() + "/" + event.via() + "/" + event.data().keySet());
            return Future.succeededFuture(BillingEventsUseCase.Outcome.APPLIED);
        };
        ZohoCallBudget budget = new ZohoCallBudget() {
            @Override
            public Future<BudgetPermit> reserve(ZohoProduct product, int calls, Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Future<Void> finish(BudgetPermit.Reserved reservation) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void onFreed(Runnable listener) {}

            @Override
            public Future<ZohoBudget.Headroom> headroom(Set<ZohoProduct> products, Instant now) {
                return Future.succeededFuture(new ZohoBudget.Headroom(free, now));
            }
        };
        ZohoBudgetOutlook outlook = new ZohoBudgetOutlook() {
            @Override
            public Optional<ZohoApiLimits> limits(ZohoProduct product) {
                return metered ? Optional.of(new ZohoApiLimits(95, 900, 5)) : Optional.empty();
            }

            @Override
            public Future<Instant> finishTime(ZohoProduct product, long calls, Instant now) {
                return Future.succeededFuture(now);
            }
        };
        SyncHealthReader queue = new SyncHealthReader() {
            @Override
            public Future<Activity> activity(Instant now) {
                return Future.succeededFuture(new Activity(Map.of(), due, null, null));
            }

            @Override
            public Future<List<Linked>> sample(int size) {
                return Future.succeededFuture(List.of());
            }

            @Override
            public Future<StoredConnection> connection(String connectionId) {
                return Future.succeededFuture(null);
            }
        };
        return new BillingEventPoll(events, store, useCase, budget, outlook, queue, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void zohoHas(String... idsNewestFirst) {
        zoho.clear();
        for (String id : idsNewestFirst) {
            zoho.add(new ZohoBillingEvents.Listed(id, "subscription_renewed", "2026-11-30T07:00:00+0000"));
        }
    }

    @Test
    void the_first_pass_only_remembers_the_newest_event() throws Exception {
        zohoHas("3", "2", "1");

        BillingEventPoll.Pass pass = await(poll().poll());

        assertThat(pass.applied()).isZero();
        assertThat(cursor).contains("3");
        assertThat(fetched).isEmpty();
    }

    @Test
    void newer_events_are_applied_oldest_first_across_pages_and_the_cursor_follows() throws Exception {
        cursor = Optional.of("2");
        zohoHas("7", "6", "5", "4", "3", "2", "1");

        BillingEventPoll.Pass pass = await(poll().poll());

        assertThat(pass.applied()).isEqualTo(5);
        assertThat(applied)
                .containsExactly(
                        "3/poll/[subscription]",
                        "4/poll/[subscription]",
                        "5/poll/[subscription]",
                        "6/poll/[subscription]",
                        "7/poll/[subscription]");
        assertThat(cursor).contains("7");
        assertThat(await(poll().poll()).applied())
                .as("nothing new the next time")
                .isZero();
    }

    @Test
    void with_no_event_at_first_every_later_event_is_new() throws Exception {
        await(poll().poll());
        zohoHas("2", "1");

        assertThat(await(poll().poll()).applied()).isEqualTo(2);
        assertThat(cursor).contains("2");
    }

    @Test
    void types_not_handled_move_the_cursor_without_a_fetch() throws Exception {
        cursor = Optional.of("1");
        zoho.add(new ZohoBillingEvents.Listed("2", "trial_expiring", "2026-11-30T07:00:00+0000"));
        zoho.add(new ZohoBillingEvents.Listed("1", "subscription_renewed", "2026-11-30T07:00:00+0000"));

        assertThat(await(poll().poll()).applied()).isZero();
        assertThat(fetched).isEmpty();
        assertThat(cursor).contains("2");
    }

    @Test
    void with_a_billing_meter_the_poll_yields_while_sync_jobs_need_the_budget() throws Exception {
        metered = true;
        cursor = Optional.of("1");
        zohoHas("2", "1");
        free = 2;
        due = 2;

        BillingEventPoll.Pass busy = await(poll().poll());

        assertThat(busy.yielded()).isTrue();
        assertThat(applied).isEmpty();
        assertThat(cursor).contains("1");

        due = 1;
        assertThat(await(poll().poll()).applied()).isEqualTo(1);
        assertThat(cursor).contains("2");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
