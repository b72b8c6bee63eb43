package io.zohosync.domain.sync;

import static io.zohosync.domain.sync.SyncStatus.FAILED;
import static io.zohosync.domain.sync.SyncStatus.MANUAL;
import static io.zohosync.domain.sync.SyncStatus.PENDING;
import static io.zohosync.domain.sync.SyncStatus.RETRYING;
import static io.zohosync.domain.sync.SyncStatus.SKIPPED;
import static io.zohosync.domain.sync.SyncStatus.SYNCED;
import static io.zohosync.domain.sync.SyncStatus.SYNCING;
import static io.zohosync.domain.sync.SyncStatus.WAITING;

import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.sync.SyncEvent.AdminLink;
import io.zohosync.domain.sync.SyncEvent.AdminReset;
import io.zohosync.domain.sync.SyncEvent.AdminRetry;
import io.zohosync.domain.sync.SyncEvent.AdminUnlink;
import io.zohosync.domain.sync.SyncEvent.Ambiguous;
import io.zohosync.domain.sync.SyncEvent.BudgetExhausted;
import io.zohosync.domain.sync.SyncEvent.Claimed;
import io.zohosync.domain.sync.SyncEvent.ConnectionLost;
import io.zohosync.domain.sync.SyncEvent.EntityChanged;
import io.zohosync.domain.sync.SyncEvent.LeaseExpired;
import io.zohosync.domain.sync.SyncEvent.LeaseReleased;
import io.zohosync.domain.sync.SyncEvent.Linked;
import io.zohosync.domain.sync.SyncEvent.NoMatch;
import io.zohosync.domain.sync.SyncEvent.PermanentFailure;
import io.zohosync.domain.sync.SyncEvent.PrerequisiteFailed;
import io.zohosync.domain.sync.SyncEvent.PrerequisiteReady;
import io.zohosync.domain.sync.SyncEvent.Reconnected;
import io.zohosync.domain.sync.SyncEvent.Recovered;
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

/**
 * Domain rule: every transition of design.md §4 as a pure function of (state, event, now). It is the
 * only decider: claims, lease expiry and hand-back, changes while queued or running, waiting for
 * prerequisites, deferrals and admin actions all pass through it, and storage only keeps its answer.
 */
public final class SyncStateMachine {

    private static final Set<SyncStatus> CLAIMABLE = EnumSet.of(PENDING, RETRYING, WAITING);
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
            return moved(
                    state.with(MANUAL, state.attempts(), now, null, null, link.zohoId(), "linked by hand by an admin")
                            .withOrigin(Origin.MANUAL));
        }
        if (event instanceof Claimed claimed) {
            return claim(state, claimed, now);
        }
        if (event instanceof LeaseExpired || event instanceof LeaseReleased) {
            return handBack(state, event, now);
        }
        if (event instanceof AdminRetry || event instanceof AdminReset) {
            return adminRestart(state, event, now);
        }
        if (event instanceof AdminUnlink) {
            return unlink(state, event, now);
        }
        if (event instanceof EntityChanged) {
            return changed(state, event, now);
        }
        if (event instanceof PrerequisiteReady || event instanceof PrerequisiteFailed || event instanceof Reconnected) {
            return wake(state, event, now);
        }
        return outcome(state, event, now);
    }

    private Transition claim(SyncState state, Claimed claimed, Instant now) {
        if (!CLAIMABLE.contains(state.status())) {
            return rejected(state, claimed, "only a pending, retrying or waiting sync can be claimed");
        }
        if (!state.isDue(now)) {
            return rejected(state, claimed, "not due before " + state.nextRunAt());
        }
        if (!claimed.leaseUntil().isAfter(now)) {
            return rejected(state, claimed, "the lease must end after now");
        }
        Lease lease = new Lease(claimed.workerId(), claimed.leaseUntil());
        return moved(state.with(
                SYNCING,
                state.attempts(),
                state.nextRunAt(),
                state.lastError(),
                lease,
                state.zohoId(),
                "attempt " + state.currentAttempt() + " of " + policy.maxAttempts() + " by " + claimed.workerId()
                        + afterFaults(state)));
    }

    private static String afterFaults(SyncState state) {
        TransientFaults faults = state.transientFaults();
        return faults == null ? "" : ", after transient fault " + faults.count() + " (since " + faults.since() + ")";
    }

    private Transition handBack(SyncState state, SyncEvent event, Instant now) {
        if (state.status() != SYNCING) {
            return rejected(state, event, "only a syncing sync holds a lease");
        }
        boolean released = event instanceof LeaseReleased;
        if (!released && !state.lease().expiredAt(now)) {
            return rejected(
                    state,
                    event,
                    "lease held by " + state.lease().workerId() + " until "
                            + state.lease().until());
        }
        String why = released
                ? "handed back by " + state.lease().workerId()
                : "lease of " + state.lease().workerId() + " expired";
        return moved(state.with(
                PENDING,
                state.attempts(),
                now,
                state.lastError(),
                null,
                state.zohoId(),
                why + "; attempt " + state.currentAttempt() + " not used"));
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

    private Transition unlink(SyncState state, SyncEvent event, Instant now) {
        if (!LINKED.contains(state.status())) {
            return rejected(state, event, "only a synced or manual sync has a link to remove");
        }
        return moved(state.with(PENDING, 0, now, null, null, null, "unlinked by an admin"));
    }

    private Transition changed(SyncState state, SyncEvent event, Instant now) {
        return switch (state.status()) {
            case PENDING, RETRYING -> moved(state);
            case SYNCING -> moved(state.withDirty("changed while a run was in flight; an update follows it"));
            case WAITING ->
                moved(state.with(
                        PENDING,
                        state.attempts(),
                        now,
                        state.lastError(),
                        null,
                        state.zohoId(),
                        "entity changed; its prerequisites are looked at again"));
            case SYNCED -> moved(state.with(PENDING, 0, now, null, null, state.zohoId(), "entity changed; update due"));
            case FAILED, SKIPPED, MANUAL ->
                rejected(state, event, "a " + state.status().wire() + " sync leaves only through an admin action");
        };
    }

    private Transition wake(SyncState state, SyncEvent event, Instant now) {
        if (event instanceof Reconnected) {
            if (state.status() != PENDING || state.deferredFor() != DeferCause.RECONNECT) {
                return rejected(state, event, "only a sync deferred for the connection is woken by a reconnect");
            }
            return moved(state.with(
                    PENDING,
                    state.attempts(),
                    now,
                    state.lastError(),
                    null,
                    state.zohoId(),
                    "Zoho reconnected; due at once"));
        }
        if (state.status() != WAITING) {
            return rejected(state, event, "only a waiting sync is woken by its prerequisites");
        }
        if (event instanceof PrerequisiteFailed failed) {
            String error = "prerequisite " + failed.prerequisite() + " failed: " + failed.error();
            return moved(state.with(FAILED, state.attempts(), now, error, null, state.zohoId(), error));
        }
        return moved(state.with(
                PENDING,
                state.attempts(),
                now,
                state.lastError(),
                null,
                state.zohoId(),
                ((PrerequisiteReady) event).prerequisite() + " is in Zoho; due at once"));
    }

    private Transition outcome(SyncState state, SyncEvent event, Instant now) {
        if (state.status() != SYNCING) {
            return rejected(state, event, "an outcome applies only to a syncing sync");
        }
        int used = state.currentAttempt();
        if (event instanceof Succeeded ok) {
            Origin origin =
                    ok.zohoId().equals(state.zohoId()) && state.origin() != null ? state.origin() : Origin.CREATED;
            return linked(state, ok.zohoId(), origin, used, "written to Zoho", now);
        }
        if (event instanceof Linked linked) {
            return linked(state, linked.zohoId(), Origin.MATCHED, used, linked.reason(), now);
        }
        if (event instanceof SyncEvent.Kept kept) {
            return linked(
                    state,
                    kept.zohoId(),
                    state.origin() == null ? Origin.MATCHED : state.origin(),
                    used,
                    kept.reason(),
                    now);
        }
        if (event instanceof Recovered recovered) {
            return linked(state, recovered.zohoId(), Origin.CREATED, used, recovered.reason(), now);
        }
        if (event instanceof RetryableFailure failure) {
            return transientFault(state, failure, now);
        }
        if (event instanceof WaitingForPrerequisites waiting) {
            return moved(state.with(
                    WAITING,
                    state.attempts(),
                    waiting.recheckAt().isAfter(now) ? waiting.recheckAt() : now,
                    state.lastError(),
                    null,
                    state.zohoId(),
                    "waiting for "
                            + waiting.missing().stream()
                                    .map(EntityRef::toString)
                                    .collect(Collectors.joining(", ")) + "; no attempt used"));
        }
        if (event instanceof BudgetExhausted budget) {
            return defer(
                    state,
                    budget.until(),
                    now,
                    DeferCause.BUDGET,
                    "API budget spent; deferred without using an attempt");
        }
        if (event instanceof SyncEvent.Interrupted interrupted) {
            Instant resume = interrupted.until().isAfter(now) ? interrupted.until() : now;
            return moved(state.with(
                    PENDING,
                    state.attempts(),
                    resume,
                    interrupted.error(),
                    null,
                    state.zohoId(),
                    "interrupted before Zoho answered; tried again without using an attempt"));
        }
        if (event instanceof ConnectionLost lost) {
            return defer(
                    state,
                    lost.until(),
                    now,
                    DeferCause.RECONNECT,
                    "Zoho needs reconnecting; deferred without using an attempt until an admin reconnects");
        }
        String error = error(event);
        if (state.dirty()) {
            return moved(state.withTransientFaults(null)
                    .with(
                            PENDING,
                            0,
                            now,
                            error,
                            null,
                            state.zohoId(),
                            "changed while a run was in flight; the new data gets a fresh try"));
        }
        if (event instanceof Ambiguous) {
            return moved(state.with(SKIPPED, used, now, error, null, state.zohoId(), error));
        }
        return moved(state.with(
                FAILED, used, now, error, null, state.zohoId(), event instanceof NoMatch ? error : "permanent error"));
    }

    private static String error(SyncEvent event) {
        if (event instanceof PermanentFailure failure) {
            return failure.error();
        }
        if (event instanceof Ambiguous ambiguous) {
            return ambiguous.reason();
        }
        return ((NoMatch) event).reason();
    }

    private static Transition linked(SyncState state, String zohoId, Origin origin, int used, String why, Instant now) {
        if (state.dirty()) {
            return moved(state.withTransientFaults(null)
                    .with(PENDING, 0, now, null, null, zohoId, "changed while a run was in flight; update due")
                    .withOrigin(origin));
        }
        return moved(state.with(SYNCED, used, now, null, null, zohoId, why).withOrigin(origin));
    }

    private static Transition defer(SyncState state, Instant until, Instant now, DeferCause cause, String why) {
        Instant resume = until.isAfter(now) ? until : now;
        return moved(state.with(PENDING, state.attempts(), resume, state.lastError(), null, state.zohoId(), why)
                .deferredFor(cause));
    }

    /**
     * Zoho did not answer (outage, 5xx, timeout, reset connection): the attempt is tried again after a backoff
     * per fault, without being used, until the policy's transient window has passed since its first fault; then
     * the attempt counts as failed, and the last one fails the sync.
     */
    private Transition transientFault(SyncState state, RetryableFailure failure, Instant now) {
        TransientFaults faults = state.transientFaults() == null
                ? TransientFaults.first(now)
                : state.transientFaults().next();
        int attempt = state.currentAttempt();
        String of = " of " + policy.maxAttempts();
        if (!policy.transientWindowSpent(faults.since(), now)) {
            Instant next = now.plus(policy.backoff(faults.count(), random));
            return moved(state.withTransientFaults(faults)
                    .with(
                            RETRYING,
                            state.attempts(),
                            next,
                            failure.error(),
                            null,
                            state.zohoId(),
                            "transient fault " + faults.count() + " since " + faults.since() + "; retry at " + next
                                    + "; attempt " + attempt + of + " not used"));
        }
        String spent = faults.count() + " transient faults since " + faults.since();
        if (!policy.hasAttemptAfter(attempt)) {
            return moved(state.with(
                    FAILED,
                    attempt,
                    now,
                    failure.error(),
                    null,
                    state.zohoId(),
                    "attempts exhausted (" + attempt + of + "): " + spent));
        }
        Instant next = now.plus(policy.backoff(attempt, random));
        return moved(state.withTransientFaults(null)
                .with(
                        RETRYING,
                        attempt,
                        next,
                        failure.error(),
                        null,
                        state.zohoId(),
                        "attempt " + attempt + of + " failed after " + spent + "; retry at " + next));
    }

    private static Transition moved(SyncState next) {
        return new Moved(next);
    }

    private static Transition rejected(SyncState state, SyncEvent event, String reason) {
        return new Rejected(state.status(), event.getClass().getSimpleName(), reason);
    }
}
