package io.zohosync.ports.billing;

import io.vertx.core.Future;
import io.zohosync.domain.reconcile.ReconcilePace;
import io.zohosync.ports.in.BillingEventsUseCase;
import io.zohosync.ports.out.BillingEventCursor;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.ZohoBillingEvents;
import io.zohosync.ports.out.zoho.ZohoBudgetOutlook;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The safety net under Billing's webhooks (issue 10, item 9): one pass reads {@code GET /events} (newest first) back to
 * the last seen event (its id kept in Postgres), then applies each newer event oldest first through the same
 * {@link BillingEventsUseCase} as the webhook, so an event the webhook brought already does nothing again and a lost one
 * is applied once. The cursor moves after each event, so a pass cut short resumes there. The first pass ever only
 * remembers the newest event (history before the service was connected is not replayed; with no event yet, every later
 * one is new). Every call is made only when
 * Billing's budget could start more calls now than there are sync jobs due ({@link ReconcilePace}): the poll never takes
 * a slot the sync needs; when it cannot, the pass stops and the next one goes on.
 */
public final class BillingEventPoll {

    /** Events per list page. */
    static final int PER_PAGE = 100;
    /** At most this many list pages a pass: a cursor no longer in Zoho's list does not read the whole history. */
    static final int MAX_PAGES = 10;

    /** What a pass did: events applied (newly), seen (read and handed on), and whether it stopped for the budget. */
    public record Pass(int applied, int seen, boolean yielded) {}

    private final ZohoBillingEvents zoho;
    private final BillingEventCursor cursor;
    private final BillingEventsUseCase events;
    private final ZohoCallBudget budget;
    private final ZohoBudgetOutlook limits;
    private final SyncHealthReader queue;
    private final Clock clock;

    public BillingEventPoll(
            ZohoBillingEvents zoho,
            BillingEventCursor cursor,
            BillingEventsUseCase events,
            ZohoCallBudget budget,
            ZohoBudgetOutlook limits,
            SyncHealthReader queue,
            Clock clock) {
        this.zoho = zoho;
        this.cursor = cursor;
        this.events = events;
        this.budget = budget;
        this.limits = limits;
        this.queue = queue;
        this.clock = clock;
    }

    public Future<Pass> poll() {
        return cursor.lastSeen()
                .compose(last -> collect(last, 1, new ArrayList<>()).compose(newer -> {
                    if (newer.isEmpty()) {
                        // no event at all yet: every event from now on is new (the empty id matches none)
                        return (last.isEmpty()
                                        ? cursor.seen("", null, clock.instant())
                                        : Future.<Void>succeededFuture())
                                .map(new Pass(0, 0, false));
                    }
                    if (last.isEmpty()) {
                        ZohoBillingEvents.Listed newest = newer.get(0);
                        return cursor.seen(
                                        newest.eventId(), BillingEventsUseCase.zohoTime(newest.time()), clock.instant())
                                .map(new Pass(0, 0, false));
                    }
                    List<ZohoBillingEvents.Listed> oldestFirst = new ArrayList<>(newer);
                    Collections.reverse(oldestFirst);
                    return apply(oldestFirst, 0, 0, 0);
                }))
                .recover(e ->
                        e instanceof Yield ? Future.succeededFuture(new Pass(0, 0, true)) : Future.failedFuture(e));
    }

    /** The listed events newer than {@code last}, newest first. */
    private Future<List<ZohoBillingEvents.Listed>> collect(
            Optional<String> last, int page, List<ZohoBillingEvents.Listed> into) {
        return paced(() -> zoho.list(page, PER_PAGE)).compose(outcome -> {
            ZohoBillingEvents.Page read = success(outcome);
            for (ZohoBillingEvents.Listed listed : read.events()) {
                if (last.isPresent() && listed.eventId().equals(last.get())) {
                    return Future.succeededFuture(into);
                }
                into.add(listed);
                if (last.isEmpty()) {
                    return Future.succeededFuture(into);
                }
            }
            return read.more() && page < MAX_PAGES ? collect(last, page + 1, into) : Future.succeededFuture(into);
        });
    }

    private Future<Pass> apply(List<ZohoBillingEvents.Listed> todo, int index, int applied, int seen) {
        if (index == todo.size()) {
            return Future.succeededFuture(new Pass(applied, seen, false));
        }
        ZohoBillingEvents.Listed listed = todo.get(index);
        Instant time = BillingEventsUseCase.zohoTime(listed.time());
        Future<BillingEventsUseCase.Outcome> outcome = BillingEventService.handles(listed.type())
                ? paced(() -> zoho.payload(listed.eventId()))
                        .map(BillingEventPoll::success)
                        .compose(payload -> events.receive(new BillingEventsUseCase.Event(
                                listed.eventId(),
                                listed.type(),
                                time == null ? clock.instant() : time,
                                data(payload),
                                null,
                                "poll")))
                : Future.succeededFuture(BillingEventsUseCase.Outcome.IGNORED);
        return outcome.compose(o ->
                        cursor.seen(listed.eventId(), time, clock.instant()).map(o))
                .compose(o ->
                        apply(todo, index + 1, applied + (o == BillingEventsUseCase.Outcome.APPLIED ? 1 : 0), seen + 1))
                .recover(e -> e instanceof Yield
                        ? Future.succeededFuture(new Pass(applied, seen, true))
                        : Future.failedFuture(e));
    }

    /** An event's payload is either {@code data}'s content or the whole webhook body with {@code data} inside. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> payload) {
        return payload.get("data") instanceof Map<?, ?> inner ? (Map<String, Object>) inner : payload;
    }

    /** Makes the call only when the sync leaves room for it; else the pass stops ({@link Yield}). */
    private <T> Future<ZohoOutcome<T>> paced(java.util.function.Supplier<Future<ZohoOutcome<T>>> call) {
        Instant now = clock.instant();
        if (limits.limits(ZohoProduct.BILLING).isEmpty()) {
            return call.get(); // no Billing meter configured: nothing to share
        }
        return budget.headroom(Set.of(ZohoProduct.BILLING), now)
                .compose(room -> queue.activity(now)
                        .map(activity -> ReconcilePace.waitUntil(room.free(), room.retryAt(), activity.due(), now)))
                .compose(wait -> wait.isPresent() ? Future.failedFuture(new Yield()) : call.get());
    }

    private static <T> T success(ZohoOutcome<T> outcome) {
        if (outcome instanceof ZohoOutcome.Success<T> success) {
            return success.value();
        }
        if (outcome instanceof ZohoOutcome.RateLimited<T>) {
            throw new Yield();
        }
        throw new IllegalStateException("Zoho Billing's events could not be read: " + outcome);
    }

    /** The budget or Zoho's limit said not now: the pass ends and the next one goes on. */
    private static final class Yield extends RuntimeException {
        Yield() {
            super("no budget left for the events poll now", null, false, false);
        }
    }
}
