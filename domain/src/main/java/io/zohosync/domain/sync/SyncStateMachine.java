package io.zohosync.domain.sync;

import static io.zohosync.domain.sync.SyncStatus.FAILED;
import static io.zohosync.domain.sync.SyncStatus.MANUAL;
import static io.zohosync.domain.sync.SyncStatus.PENDING;
import static io.zohosync.domain.sync.SyncStatus.RETRYING;
import static io.zohosync.domain.sync.SyncStatus.SKIPPED;
import static io.zohosync.domain.sync.SyncStatus.SYNCED;
import static io.zohosync.domain.sync.SyncStatus.SYNCING;

import io.zohosync.domain.prereq.EntityRef;
import io.zohosync.domain.sync.SyncEvent.AdminLink;
import io.zohosync.domain.sync.SyncEvent.AdminReset;
import io.zohosync.domain.sync.SyncEvent.AdminRetry;
import io.zohosync.domain.sync.SyncEvent.AdminUnlink;
import io.zohosync.domain.sync.SyncEvent.Ambiguous;
import io.zohosync.domain.sync.SyncEvent.BudgetExhausted;
import io.zohosync.domain.sync.SyncEvent.Claimed;
import io.zohosync.domain.sync.SyncEvent.EntityChanged;
import io.zohosync.domain.sync.SyncEvent.LeaseExpired;
import io.zohosync.domain.sync.SyncEvent.Linked;
import io.zohosync.domain.sync.SyncEvent.NoMatch;
import io.zohosync.domain.sync.SyncEvent.PermanentFailure;
import io.zohosync.domain.sync.SyncEvent.RetryableFailure;
import io.zohosync.domain.sync.SyncEvent.Succeeded;
import io.zohosync.domain.sync.SyncEvent.WaitingForPrerequisites;
import io.zohosync.domain.sync.Transition.Moved;
import io.zohosync.domain.sync.Transition.Rejected;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** Domain rule: every transition of design.md §4 as a pure function of (state, event, now). */
public final class SyncStateMachine {

    private static final Set<SyncStatus> CLAIMABLE = EnumSet.of(PENDING, RETRYING);
    private static final Set<SyncStatus> ADMIN_REVIEW = EnumSet.of(FAILED, SKIPPED);
    private static final Set<SyncStatus> LINKED = EnumSet.of(SYNCED, MANUAL);

    private final RetryPolicy policy;
    private final RandomGenerator random;

    public SyncStateMachine(RetryPolicy policy, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** The state after {@code event} happened to {@code state} at {@code now}, or why it cannot happen. */
    public Transition apply(SyncState state, SyncEvent event, Instant now) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(now, "now");
        if (event instanceof AdminLink link) {
            return moved(state.with(MANUAL, state.attempts(), now, null, null, link.zohoId(), "linked by hand by an admin"));
        }
        if (event instanceof Claimed claimed) {
            return claim(state, claimed, now);
        }
        if (event instanceof LeaseExpired) {
            return expire(state, event, now);
        }
        if (event instanceof AdminRetry || event instanceof AdminReset) {
            return adminRestart(state, event, now);
        }
        if (event instanceof AdminUnlink || event instanceof EntityChanged) {
            return relink(state, event, now);
        }
        return outcome(state, event, now);
    }

    private Transition claim(SyncState state, Claimed claimed, Instant now) {
        if (!CLAIMABLE.contains(state.status())) {
            return rejected(state, claimed, "only a pending or retrying sync can be claimed");
        }
        if (!state.isDue(now)) {
            return rejected(state, claimed, "not due before " + state.nextRunAt());
        }
        if (!claimed.leaseUntil().isAfter(now)) {
            return rejected(state, claimed, "the lease must end after now");
        }
        Lease lease = new Lease(claimed.workerId(), claimed.leaseUntil());
        return moved(state.with(SYNCING, state.attempts(), state.nextRunAt(), state.lastError(), lease, state.zohoId(),
                "attempt " + state.currentAttempt() + " of " + policy.maxAttempts() + " by " + claimed.workerId()));
    }

    private Transition expire(SyncState state, SyncEvent event, Instant now) {
        if (state.status() != SYNCING) {
            return rejected(state, event, "only a syncing sync holds a lease");
        }
        if (!state.lease().expiredAt(now)) {
            return rejected(state, event, "lease held by " + state.lease().workerId() + " until " + state.lease().until());
        }
        return moved(state.with(PENDING, state.attempts(), now, state.lastError(), null, state.zohoId(),
                "lease of " + state.lease().workerId() + " expired; attempt " + state.currentAttempt() + " not used"));
    }

    private Transition adminRestart(SyncState state, SyncEvent event, Instant now) {
        if (!ADMIN_REVIEW.contains(state.status())) {
            return rejected(state, event, "only a failed or skipped sync can be retried or reset");
        }
        if (event instanceof AdminReset) {
            return moved(state.with(PENDING, 0, now, null, null, null, "reset by an admin"));
        }
        return moved(state.with(PENDING, 0, now, state.lastError(), null, state.zohoId(), "retry asked by an admin"));
    }

    private Transition relink(SyncState state, SyncEvent event, Instant now) {
        if (event instanceof AdminUnlink) {
            if (!LINKED.contains(state.status())) {
                return rejected(state, event, "only a synced or manual sync has a link to remove");
            }
            return moved(state.with(PENDING, 0, now, null, null, null, "unlinked by an admin"));
        }
        if (CLAIMABLE.contains(state.status())) {
            return moved(state);
        }
        if (state.status() != SYNCED) {
            return rejected(state, event, changeRefusal(state.status()));
        }
        return moved(state.with(PENDING, 0, now, null, null, state.zohoId(), "entity changed; update due"));
    }

    private static String changeRefusal(SyncStatus status) {
        if (status == SYNCING) {
            return "a sync is in flight; send the change again once it settles";
        }
        return "a " + status.wire() + " sync leaves only through an admin action";
    }

    private Transition outcome(SyncState state, SyncEvent event, Instant now) {
        if (state.status() != SYNCING) {
            return rejected(state, event, "an outcome applies only to a syncing sync");
        }
        int used = state.currentAttempt();
        if (event instanceof Succeeded ok) {
            return moved(state.with(SYNCED, used, now, null, null, ok.zohoId(), "written to Zoho"));
        }
        if (event instanceof Linked linked) {
            return moved(state.with(SYNCED, used, now, null, null, linked.zohoId(), linked.reason()));
        }
        if (event instanceof RetryableFailure failure) {
            return retryOrFail(state, failure, used, now);
        }
        if (event instanceof PermanentFailure failure) {
            return moved(state.with(FAILED, used, now, failure.error(), null, state.zohoId(), "permanent error"));
        }
        if (event instanceof Ambiguous ambiguous) {
            return moved(state.with(SKIPPED, used, now, null, null, state.zohoId(), ambiguous.reason()));
        }
        if (event instanceof NoMatch noMatch) {
            return moved(state.with(FAILED, used, now, noMatch.reason(), null, state.zohoId(), noMatch.reason()));
        }
        if (event instanceof WaitingForPrerequisites waiting) {
            return defer(state, waiting.recheckAt(), now, "waiting for " + waiting.missing().stream()
                    .map(EntityRef::toString).collect(Collectors.joining(", ")) + "; no attempt used");
        }
        BudgetExhausted budget = (BudgetExhausted) event;
        return defer(state, budget.until(), now, "API budget spent; deferred without using an attempt");
    }

    private static Transition defer(SyncState state, Instant until, Instant now, String why) {
        Instant resume = until.isAfter(now) ? until : now;
        return moved(state.with(PENDING, state.attempts(), resume, state.lastError(), null, state.zohoId(), why));
    }

    private Transition retryOrFail(SyncState state, RetryableFailure failure, int used, Instant now) {
        if (!policy.hasAttemptAfter(used)) {
            return moved(state.with(FAILED, used, now, failure.error(), null, state.zohoId(),
                    "attempts exhausted (" + used + " of " + policy.maxAttempts() + ")"));
        }
        Instant next = now.plus(policy.backoff(used, random));
        return moved(state.with(RETRYING, used, next, failure.error(), null, state.zohoId(),
                "attempt " + used + " of " + policy.maxAttempts() + " failed; retry at " + next));
    }

    private static Transition moved(SyncState next) {
        return new Moved(next);
    }

    private static Transition rejected(SyncState state, SyncEvent event, String reason) {
        return new Rejected(state.status(), event.getClass().getSimpleName(), reason);
    }
}
