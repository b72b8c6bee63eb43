package io.zohosync.ports.reconcile;

import io.vertx.core.Future;
import io.zohosync.domain.reconcile.ReconcilePace;
import io.zohosync.ports.out.Pause;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoCallBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reconciliation's Zoho calls at the lowest priority ({@link ReconcilePace}): each waits until the budget could start
 * more calls than there are sync jobs due, then reserves its one call like a job does (so it never draws a slot a job
 * reserved) and gives it back when done. A call that could not be made within {@code patience} ends the
 * reconciliation as incomplete rather than waiting on a busy queue for ever.
 */
final class PacedCalls {

    private final ZohoCallBudget budget;
    private final SyncHealthReader queue;
    private final Pause pause;
    private final Clock clock;
    private final Duration patience;
    private final AtomicLong made = new AtomicLong();

    PacedCalls(ZohoCallBudget budget, SyncHealthReader queue, Pause pause, Clock clock, Duration patience) {
        this.budget = budget;
        this.queue = queue;
        this.pause = pause;
        this.clock = clock;
        this.patience = patience;
    }

    /** Zoho calls made so far. */
    long made() {
        return made.get();
    }

    /** One Books call, when the sync leaves room for it. */
    <T> Future<ZohoOutcome<T>> call(Supplier<Future<ZohoOutcome<T>>> call) {
        return call(call, clock.instant().plus(patience));
    }

    private <T> Future<ZohoOutcome<T>> call(Supplier<Future<ZohoOutcome<T>>> call, Instant giveUpAt) {
        Instant now = clock.instant();
        return budget.headroom(Set.of(ZohoProduct.BOOKS), now)
                .compose(room -> queue.activity(now)
                        .map(activity -> ReconcilePace.waitUntil(room.free(), room.retryAt(), activity.due(), now)))
                .compose(wait -> wait.isPresent()
                        ? later(wait.get(), call, giveUpAt)
                        : budget.reserve(ZohoProduct.BOOKS, 1, now).compose(permit -> {
                            if (permit instanceof BudgetPermit.Reserved reserved) {
                                made.incrementAndGet();
                                // a call that throws before it returns a future still gives its permit back
                                return Future.<ZohoOutcome<T>>future(
                                                promise -> call.get().onComplete(promise))
                                        .eventually(() -> budget.finish(reserved));
                            }
                            return later(((BudgetPermit.Denied) permit).retryAt(), call, giveUpAt);
                        }));
    }

    private <T> Future<ZohoOutcome<T>> later(Instant at, Supplier<Future<ZohoOutcome<T>>> call, Instant giveUpAt) {
        if (at.isAfter(giveUpAt)) {
            return Future.succeededFuture(new ZohoOutcome.RateLimited<>(
                    ZohoOutcome.RateLimited.Scope.MINUTE,
                    Duration.between(clock.instant(), at),
                    "the sync left no API budget for reconciliation within " + patience.toMinutes() + " min"));
        }
        return pause.until(at).compose(x -> call(call, giveUpAt));
    }

    static Optional<String> failure(ZohoOutcome<?> outcome) {
        return outcome instanceof ZohoOutcome.Success<?> ? Optional.empty() : Optional.of(outcome.describe());
    }
}
