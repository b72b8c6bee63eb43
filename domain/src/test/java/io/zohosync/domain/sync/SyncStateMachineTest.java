package io.zohosync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SyncStateMachineTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);

    /** A random source that always draws the top of the range, so backoff equals its ceiling. */
    static final RandomGenerator TOP = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    final SyncStateMachine machine = new SyncStateMachine(RetryPolicy.DEFAULT, TOP);

    SyncState apply(SyncState state, SyncEvent event, Instant now) {
        Transition t = machine.apply(state, event, now);
        assertThat(t).as("expected a move, got %s", t).isInstanceOf(Transition.Moved.class);
        return t.nextState().orElseThrow();
    }

    Transition.Rejected reject(SyncState state, SyncEvent event, Instant now) {
        Transition t = machine.apply(state, event, now);
        assertThat(t).isInstanceOf(Transition.Rejected.class);
        assertThat(t.nextState()).isEmpty();
        return (Transition.Rejected) t;
    }

    SyncState syncing() {
        return apply(SyncState.pending(T0), new Claimed("w1", T0.plus(LEASE)), T0);
    }

    SyncState in(SyncStatus status) {
        SyncState s = syncing();
        return switch (status) {
            case PENDING -> SyncState.pending(T0);
            case SYNCING -> s;
            case SYNCED -> apply(s, new Succeeded("z1"), T0);
            case RETRYING -> apply(s, new RetryableFailure("500"), T0);
            case FAILED -> apply(s, new PermanentFailure("bad"), T0);
            case SKIPPED -> apply(s, new Ambiguous(List.of("a", "b"), "two"), T0);
            case MANUAL -> apply(s, new AdminLink("z9"), T0);
            case WAITING ->
                apply(
                        s,
                        new WaitingForPrerequisites(
                                List.of(new EntityRef(EntityType.CUSTOMER, "c1")), T0.plusSeconds(300)),
                        T0);
        };
    }

    @Test
    void a_due_pending_sync_is_claimed_into_syncing_with_the_workers_lease_and_no_attempt_used() {
        SyncState next = syncing();
        assertThat(next.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(next.attempts()).isZero();
        assertThat(next.currentAttempt()).isEqualTo(1);
        assertThat(next.leaseOwner()).contains("w1");
        assertThat(next.leaseUntil()).contains(T0.plus(LEASE));
        assertThat(next.reason()).isEqualTo("attempt 1 of 3 by w1");
    }

    @Test
    void a_sync_cannot_be_claimed_before_it_is_due() {
        SyncState retrying = in(SyncStatus.RETRYING);
        Instant early = retrying.nextRunAt().minusMillis(1);
        assertThat(reject(retrying, new Claimed("w2", early.plus(LEASE)), early).reason())
                .startsWith("not due before");
    }

    @Test
    void a_claim_needs_a_lease_that_ends_after_now() {
        assertThat(reject(SyncState.pending(T0), new Claimed("w1", T0), T0).reason())
                .contains("lease must end");
    }

    @Test
    void a_sync_in_any_other_state_cannot_be_claimed() {
        for (SyncStatus status : List.of(
                SyncStatus.SYNCING, SyncStatus.SYNCED, SyncStatus.FAILED, SyncStatus.SKIPPED, SyncStatus.MANUAL)) {
            Transition.Rejected r = reject(in(status), new Claimed("w", T0.plus(LEASE)), T0);
            assertThat(r.from()).isEqualTo(status);
            assertThat(r.event()).isEqualTo("Claimed");
        }
    }

    @Test
    void a_confirmed_write_makes_the_sync_synced_with_the_zoho_id_and_one_attempt_used() {
        SyncState next = apply(syncing(), new Succeeded("z1"), T0.plusSeconds(1));
        assertThat(next.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(next.zohoId()).isEqualTo("z1");
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(next.lease()).isNull();
        assertThat(next.lastError()).isNull();
        assertThat(next.nextRunAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void a_single_match_links_the_sync_and_keeps_the_reason() {
        SyncState next = apply(syncing(), new Linked("z2", "linked by email"), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(next.zohoId()).isEqualTo("z2");
        assertThat(next.reason()).isEqualTo("linked by email");
        assertThat(next.attempts()).isEqualTo(1);
    }

    /** A machine whose attempts keep retrying transient faults for {@code window}. */
    static SyncStateMachine machine(Duration window) {
        return new SyncStateMachine(
                new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1), window), SyncStateMachineTest.TOP);
    }

    /** Claims {@code s} when due and answers the run with a transient fault {@code after} the claim. */
    static SyncState faultAgain(SyncStateMachine m, SyncState s, Duration after) {
        Instant at = s.nextRunAt();
        SyncState claimed =
                m.apply(s, new Claimed("w", at.plus(LEASE)), at).nextState().orElseThrow();
        return m.apply(claimed, new RetryableFailure("timeout"), at.plus(after))
                .nextState()
                .orElseThrow();
    }

    @Test
    void a_transient_fault_waits_a_jittered_backoff_without_using_the_attempt() {
        Instant now = T0.plusSeconds(5);
        SyncState next = apply(syncing(), new RetryableFailure("HTTP 503"), now);
        assertThat(next.status()).isEqualTo(SyncStatus.RETRYING);
        assertThat(next.attempts()).isZero();
        assertThat(next.transientFaults()).isEqualTo(new TransientFaults(1, now));
        assertThat(next.lastError()).isEqualTo("HTTP 503");
        assertThat(next.nextRunAt()).isEqualTo(now.plus(Duration.ofSeconds(30)));
        assertThat(next.lease()).isNull();
        assertThat(next.reason())
                .isEqualTo("transient fault 1 since " + now + "; retry at " + now.plusSeconds(30)
                        + "; attempt 1 of 3 not used");
    }

    @Test
    void a_due_retrying_sync_can_be_claimed_and_says_which_fault_it_follows() {
        SyncState retrying = in(SyncStatus.RETRYING);
        SyncState next = apply(retrying, new Claimed("w2", retrying.nextRunAt().plus(LEASE)), retrying.nextRunAt());
        assertThat(next.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(next.attempts()).isZero();
        assertThat(next.lastError()).isEqualTo("500");
        assertThat(next.transientFaults()).isEqualTo(new TransientFaults(1, T0));
        assertThat(next.reason()).isEqualTo("attempt 1 of 3 by w2, after transient fault 1 (since " + T0 + ")");
    }

    @Test
    void each_further_transient_fault_waits_twice_as_long_at_most_until_the_cap() {
        SyncState s = in(SyncStatus.RETRYING);
        long[] ceilings = {60, 120, 240, 480, 960, 1920, 3600, 3600};
        for (int i = 0; i < ceilings.length; i++) {
            Instant claimedAt = s.nextRunAt();
            s = faultAgain(machine, s, Duration.ofSeconds(1));
            assertThat(s.status()).isEqualTo(SyncStatus.RETRYING);
            assertThat(s.attempts()).isZero();
            assertThat(s.transientFaults()).isEqualTo(new TransientFaults(i + 2, T0));
            assertThat(s.nextRunAt()).isEqualTo(claimedAt.plusSeconds(1 + ceilings[i]));
            assertThat(s.reason()).startsWith("transient fault " + (i + 2) + " since " + T0 + "; retry at ");
        }
    }

    @Test
    void an_attempt_whose_transient_faults_outlast_the_window_fails_and_the_next_starts_afresh() {
        SyncStateMachine m = machine(Duration.ofHours(1));
        SyncState s = m.apply(syncing(), new RetryableFailure("reset"), T0)
                .nextState()
                .orElseThrow();
        s = faultAgain(m, s, Duration.ofMinutes(59).minusSeconds(30));
        assertThat(s.transientFaults()).isEqualTo(new TransientFaults(2, T0));
        assertThat(s.attempts()).isZero();

        Instant end = T0.plus(Duration.ofHours(1));
        SyncState claimed = apply(s, new Claimed("w", end.plus(LEASE)), s.nextRunAt());
        SyncState failed =
                m.apply(claimed, new RetryableFailure("reset"), end).nextState().orElseThrow();
        assertThat(failed.status()).isEqualTo(SyncStatus.RETRYING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.transientFaults()).isNull();
        assertThat(failed.nextRunAt()).isEqualTo(end.plusSeconds(30));
        assertThat(failed.reason())
                .isEqualTo("attempt 1 of 3 failed after 3 transient faults since " + T0 + "; retry at "
                        + end.plusSeconds(30));

        SyncState second = faultAgain(m, failed, Duration.ofSeconds(2));
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.transientFaults()).isEqualTo(new TransientFaults(1, end.plusSeconds(32)));
        assertThat(second.reason()).endsWith("; attempt 2 of 3 not used");
    }

    @Test
    void the_window_is_measured_from_the_first_fault_of_the_attempt() {
        SyncStateMachine m = machine(Duration.ofHours(1));
        SyncState s = m.apply(syncing(), new RetryableFailure("reset"), T0)
                .nextState()
                .orElseThrow();
        SyncState claimed = apply(s, new Claimed("w", T0.plus(Duration.ofHours(2))), s.nextRunAt());
        Instant justBefore = T0.plus(Duration.ofHours(1)).minusMillis(1);
        SyncState next = m.apply(claimed, new RetryableFailure("reset"), justBefore)
                .nextState()
                .orElseThrow();
        assertThat(next.attempts()).isZero();
        assertThat(next.transientFaults()).isEqualTo(new TransientFaults(2, T0));
    }

    @Test
    void transient_faults_outlasting_the_window_on_the_last_attempt_fail_the_sync() {
        SyncStateMachine m = machine(Duration.ofMinutes(10));
        SyncState s = SyncState.pending(T0);
        for (int i = 0; i < 2; i++) {
            s = faultAgain(m, s, Duration.ZERO);
            s = faultAgain(m, s, Duration.ofMinutes(10));
            assertThat(s.attempts()).isEqualTo(i + 1);
        }
        s = faultAgain(m, s, Duration.ZERO);
        Instant first = s.transientFaults().since();
        SyncState next = faultAgain(m, s, Duration.ofMinutes(10));
        assertThat(next.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(next.attempts()).isEqualTo(3);
        assertThat(next.lastError()).isEqualTo("timeout");
        assertThat(next.transientFaults()).isNull();
        assertThat(next.reason()).isEqualTo("attempts exhausted (3 of 3): 2 transient faults since " + first);
    }

    @Test
    void an_answer_from_zoho_ends_the_transient_faults_of_the_attempt() {
        SyncState faulted = in(SyncStatus.RETRYING);
        SyncState claimed = apply(faulted, new Claimed("w", faulted.nextRunAt().plus(LEASE)), faulted.nextRunAt());
        SyncState synced = apply(claimed, new Succeeded("z1"), faulted.nextRunAt());
        assertThat(synced.transientFaults()).isNull();
        assertThat(synced.attempts()).isEqualTo(1);

        SyncState dirty = apply(claimed, new EntityChanged(), faulted.nextRunAt());
        assertThat(dirty.transientFaults()).isEqualTo(new TransientFaults(1, T0));
        SyncState updateDue = apply(dirty, new Succeeded("z1"), faulted.nextRunAt());
        assertThat(updateDue.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(updateDue.transientFaults()).isNull();
        SyncState freshTry = apply(dirty, new PermanentFailure("bad"), faulted.nextRunAt());
        assertThat(freshTry.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(freshTry.transientFaults()).isNull();
        assertThat(apply(claimed, new PermanentFailure("bad"), T0).transientFaults())
                .isNull();
    }

    @Test
    void a_deferral_an_interruption_or_a_lost_lease_keeps_the_faults_of_the_attempt() {
        SyncState faulted = in(SyncStatus.RETRYING);
        Instant at = faulted.nextRunAt();
        SyncState claimed = apply(faulted, new Claimed("w", at.plus(LEASE)), at);
        TransientFaults one = new TransientFaults(1, T0);
        assertThat(apply(claimed, new BudgetExhausted(at.plusSeconds(60)), at).transientFaults())
                .isEqualTo(one);
        assertThat(apply(claimed, new SyncEvent.Interrupted("db", at), at).transientFaults())
                .isEqualTo(one);
        assertThat(apply(claimed, new LeaseExpired(), at.plus(LEASE)).transientFaults())
                .isEqualTo(one);
        assertThat(apply(claimed, new AdminLink("z9"), at).transientFaults()).isNull();
    }

    @Test
    void a_permanent_error_fails_the_sync_at_once() {
        SyncState next = apply(syncing(), new PermanentFailure("invalid email"), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(next.lastError()).isEqualTo("invalid email");
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(next.reason()).isEqualTo("permanent error");
    }

    @Test
    void more_than_one_candidate_skips_the_sync_for_admin_review() {
        SyncState next = apply(syncing(), new Ambiguous(List.of("a", "b"), "2 contacts share the email"), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(next.reason()).isEqualTo("2 contacts share the email");
        assertThat(next.attempts()).isEqualTo(1);
    }

    @Test
    void a_returning_customer_without_a_match_fails_with_the_reason_as_error() {
        SyncState next = apply(syncing(), new NoMatch("no matching contact"), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(next.lastError()).isEqualTo("no matching contact");
        assertThat(next.reason()).isEqualTo("no matching contact");
    }

    @Test
    void an_expired_lease_returns_the_sync_to_pending_without_using_the_attempt() {
        SyncState s = syncing();
        Instant after = T0.plus(LEASE);
        SyncState next = apply(s, new LeaseExpired(), after);
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.attempts()).isZero();
        assertThat(next.nextRunAt()).isEqualTo(after);
        assertThat(next.lease()).isNull();
        assertThat(next.reason()).isEqualTo("lease of w1 expired; attempt 1 not used");
    }

    @Test
    void a_lease_still_running_cannot_be_expired() {
        assertThat(reject(syncing(), new LeaseExpired(), T0.plus(LEASE).minusMillis(1))
                        .reason())
                .startsWith("lease held by w1 until");
    }

    @Test
    void only_a_syncing_sync_can_lose_its_lease() {
        assertThat(reject(SyncState.pending(T0), new LeaseExpired(), T0).reason())
                .contains("holds a lease");
    }

    @Test
    void a_spent_budget_defers_the_sync_to_the_window_reset_without_using_an_attempt() {
        Instant reset = T0.plusSeconds(60);
        SyncState next = apply(syncing(), new BudgetExhausted(reset), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.attempts()).isZero();
        assertThat(next.nextRunAt()).isEqualTo(reset);
        assertThat(next.lease()).isNull();
    }

    @Test
    void a_missing_prerequisite_defers_the_sync_without_using_an_attempt_and_names_what_it_waits_for() {
        List<EntityRef> missing =
                List.of(new EntityRef(EntityType.CUSTOMER, "cus-1"), new EntityRef(EntityType.ITEM, "YOGA"));
        SyncState next = apply(syncing(), new WaitingForPrerequisites(missing, T0.plusSeconds(30)), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.WAITING);
        assertThat(next.attempts()).isZero();
        assertThat(next.nextRunAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(next.lease()).isNull();
        assertThat(next.reason()).isEqualTo("waiting for customer cus-1, item YOGA; no attempt used");
        assertThat(apply(syncing(), new WaitingForPrerequisites(missing, T0.minusSeconds(1)), T0)
                        .nextRunAt())
                .isEqualTo(T0);
        assertThatThrownBy(() -> new WaitingForPrerequisites(List.of(), T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new WaitingForPrerequisites(null, T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new WaitingForPrerequisites(missing, null)).isInstanceOf(InvalidInput.class);
        assertThat(new WaitingForPrerequisites(missing, T0).isAdminAction()).isFalse();
    }

    @Test
    void a_budget_reset_already_past_defers_to_now() {
        SyncState next = apply(syncing(), new BudgetExhausted(T0.minusSeconds(1)), T0);
        assertThat(next.nextRunAt()).isEqualTo(T0);
    }

    @Test
    void outcomes_apply_only_to_a_syncing_sync() {
        for (SyncEvent e : List.of(
                new Succeeded("z"),
                new Linked("z", "r"),
                new RetryableFailure("e"),
                new PermanentFailure("e"),
                new Ambiguous(List.of("a", "b"), "r"),
                new NoMatch("r"),
                new BudgetExhausted(T0),
                new WaitingForPrerequisites(List.of(new EntityRef(EntityType.ITEM, "A")), T0))) {
            assertThat(reject(SyncState.pending(T0), e, T0).reason())
                    .isEqualTo("an outcome applies only to a syncing sync");
        }
    }

    @Test
    void an_admin_retry_of_a_failed_sync_gives_it_a_fresh_budget_and_keeps_the_error() {
        SyncState next = apply(in(SyncStatus.FAILED), new AdminRetry(), T0.plusSeconds(9));
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.attempts()).isZero();
        assertThat(next.lastError()).isEqualTo("bad");
        assertThat(next.nextRunAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(next.reason()).isEqualTo("retry asked by an admin");
    }

    @Test
    void an_admin_reset_of_a_skipped_sync_clears_everything() {
        SyncState next = apply(in(SyncStatus.SKIPPED), new AdminReset(), T0.plusSeconds(9));
        assertThat(next)
                .isEqualTo(
                        new SyncState(SyncStatus.PENDING, 0, T0.plusSeconds(9), null, null, null, "reset by an admin"));
    }

    @Test
    void retry_and_reset_apply_only_to_failed_or_skipped_syncs() {
        for (SyncStatus status : List.of(
                SyncStatus.PENDING, SyncStatus.SYNCING, SyncStatus.SYNCED, SyncStatus.RETRYING, SyncStatus.MANUAL)) {
            reject(in(status), new AdminRetry(), T0);
            reject(in(status), new AdminReset(), T0);
        }
    }

    @Test
    void an_admin_link_makes_any_sync_manual_and_drops_a_lease() {
        for (SyncStatus status : SyncStatus.values()) {
            SyncState next = apply(in(status), new AdminLink("z7"), T0.plusSeconds(3));
            assertThat(next.status()).isEqualTo(SyncStatus.MANUAL);
            assertThat(next.zohoId()).isEqualTo("z7");
            assertThat(next.lease()).isNull();
            assertThat(next.lastError()).isNull();
            assertThat(next.reason()).isEqualTo("linked by hand by an admin");
        }
    }

    @Test
    void an_admin_unlink_returns_synced_and_manual_syncs_to_a_fresh_pending() {
        for (SyncStatus status : List.of(SyncStatus.SYNCED, SyncStatus.MANUAL)) {
            SyncState next = apply(in(status), new AdminUnlink(), T0.plusSeconds(2));
            assertThat(next)
                    .isEqualTo(new SyncState(
                            SyncStatus.PENDING, 0, T0.plusSeconds(2), null, null, null, "unlinked by an admin"));
        }
    }

    @Test
    void there_is_nothing_to_unlink_in_other_states() {
        for (SyncStatus status : List.of(
                SyncStatus.PENDING, SyncStatus.SYNCING, SyncStatus.RETRYING, SyncStatus.FAILED, SyncStatus.SKIPPED)) {
            assertThat(reject(in(status), new AdminUnlink(), T0).reason()).contains("link to remove");
        }
    }

    @Test
    void a_change_to_a_synced_entity_queues_an_update_of_the_same_zoho_record() {
        SyncState next = apply(in(SyncStatus.SYNCED), new EntityChanged(), T0.plusSeconds(4));
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.zohoId()).isEqualTo("z1");
        assertThat(next.attempts()).isZero();
        assertThat(next.nextRunAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void a_change_to_a_queued_sync_is_coalesced_into_it() {
        for (SyncStatus status : List.of(SyncStatus.PENDING, SyncStatus.RETRYING)) {
            SyncState state = in(status);
            assertThat(apply(state, new EntityChanged(), T0.plusSeconds(1))).isEqualTo(state);
        }
    }

    @Test
    void a_change_during_a_sync_marks_it_dirty_so_its_success_is_followed_by_an_update() {
        SyncState dirty = apply(syncing(), new EntityChanged(), T0);
        assertThat(dirty.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(dirty.dirty()).isTrue();
        assertThat(dirty.lease()).isEqualTo(syncing().lease());
        SyncState after = apply(dirty, new Succeeded("z1"), T0.plusSeconds(2));
        assertThat(after.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(after.zohoId()).isEqualTo("z1");
        assertThat(after.origin()).isEqualTo(Origin.CREATED);
        assertThat(after.isDue(T0.plusSeconds(2))).isTrue();
        assertThat(after.dirty()).isFalse();
    }

    @Test
    void a_change_cannot_take_a_sync_out_of_failed_skipped_or_manual() {
        assertThat(reject(in(SyncStatus.FAILED), new EntityChanged(), T0).reason())
                .isEqualTo("a failed sync leaves only through an admin action");
        reject(in(SyncStatus.SKIPPED), new EntityChanged(), T0);
        reject(in(SyncStatus.MANUAL), new EntityChanged(), T0);
    }

    @Test
    void only_admin_events_say_they_are_admin_actions() {
        assertThat(List.of(new AdminRetry(), new AdminReset(), new AdminLink("z"), new AdminUnlink()))
                .allMatch(SyncEvent::isAdminAction);
        assertThat(List.of(
                        new Claimed("w", T0),
                        new Succeeded("z"),
                        new Linked("z", "r"),
                        new RetryableFailure("e"),
                        new PermanentFailure("e"),
                        new NoMatch("r"),
                        new BudgetExhausted(T0),
                        new LeaseExpired(),
                        new EntityChanged(),
                        new Ambiguous(List.of("a", "b"), "r")))
                .noneMatch(SyncEvent::isAdminAction);
    }

    @Test
    void events_reject_missing_data() {
        assertThatThrownBy(() -> new Claimed(" ", T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Claimed("w", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Succeeded(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Linked("z", "")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Linked("", "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new RetryableFailure("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new PermanentFailure(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Ambiguous(List.of("a"), "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Ambiguous(null, "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Ambiguous(List.of("a", "b"), " ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new NoMatch("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new BudgetExhausted(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new AdminLink(" ")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void the_machine_needs_a_policy_and_a_random_source() {
        assertThatThrownBy(() -> new SyncStateMachine(null, TOP)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SyncStateMachine(RetryPolicy.DEFAULT, null))
                .isInstanceOf(NullPointerException.class);
        assertThat(machine.policy()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void a_waiting_sync_is_woken_at_once_when_its_prerequisite_is_in_zoho() {
        EntityRef customer = new EntityRef(EntityType.CUSTOMER, "c1");
        SyncState next = apply(in(SyncStatus.WAITING), new SyncEvent.PrerequisiteReady(customer), T0.plusSeconds(5));
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.isDue(T0.plusSeconds(5))).isTrue();
        assertThat(next.attempts()).isZero();
        assertThat(next.reason()).isEqualTo("customer c1 is in Zoho; due at once");
        assertThat(reject(in(SyncStatus.SYNCED), new SyncEvent.PrerequisiteReady(customer), T0)
                        .reason())
                .contains("only a waiting");
    }

    @Test
    void a_waiting_sync_fails_with_the_reason_of_a_prerequisite_that_failed_for_good() {
        EntityRef invoice = new EntityRef(EntityType.INVOICE, "inv-1");
        SyncState next =
                apply(in(SyncStatus.WAITING), new SyncEvent.PrerequisiteFailed(invoice, "Zoho refused it"), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(next.attempts()).isZero();
        assertThat(next.lastError()).isEqualTo("prerequisite invoice inv-1 failed: Zoho refused it");
    }

    @Test
    void a_waiting_sync_is_claimed_again_at_its_recheck() {
        SyncState waiting = in(SyncStatus.WAITING);
        assertThat(reject(waiting, new Claimed("w", T0.plus(LEASE)), T0).reason())
                .startsWith("not due before");
        Instant recheck = waiting.nextRunAt();
        assertThat(apply(waiting, new Claimed("w", recheck.plus(LEASE)), recheck)
                        .status())
                .isEqualTo(SyncStatus.SYNCING);
    }

    @Test
    void a_change_to_a_waiting_sync_makes_it_due_so_its_prerequisites_are_read_again() {
        SyncState next = apply(in(SyncStatus.WAITING), new EntityChanged(), T0.plusSeconds(1));
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.nextRunAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void a_lost_connection_defers_until_a_reconnect_wakes_it() {
        SyncState deferred = apply(syncing(), new SyncEvent.ConnectionLost(T0.plusSeconds(300)), T0);
        assertThat(deferred.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(deferred.deferredFor()).isEqualTo(DeferCause.RECONNECT);
        assertThat(deferred.attempts()).isZero();
        SyncState woken = apply(deferred, new SyncEvent.Reconnected(), T0.plusSeconds(10));
        assertThat(woken.nextRunAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(woken.deferredFor()).isNull();
        SyncState budget = apply(syncing(), new BudgetExhausted(T0.plusSeconds(60)), T0);
        assertThat(budget.deferredFor()).isEqualTo(DeferCause.BUDGET);
        assertThat(reject(budget, new SyncEvent.Reconnected(), T0).reason()).contains("deferred for the connection");
    }

    @Test
    void a_worker_handing_a_sync_back_returns_it_to_pending_without_using_the_attempt() {
        SyncState next = apply(syncing(), new SyncEvent.LeaseReleased(), T0.plusSeconds(1));
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.attempts()).isZero();
        assertThat(next.reason()).isEqualTo("handed back by w1; attempt 1 not used");
        reject(SyncState.pending(T0), new SyncEvent.LeaseReleased(), T0);
    }

    @Test
    void a_skipped_sync_keeps_its_reason_as_the_error() {
        SyncState skipped = in(SyncStatus.SKIPPED);
        assertThat(skipped.lastError()).isEqualTo("two");
    }

    @Test
    void the_origin_of_a_link_says_whether_the_service_owns_the_record() {
        assertThat(in(SyncStatus.SYNCED).origin()).isEqualTo(Origin.CREATED);
        assertThat(apply(syncing(), new Linked("z2", "one contact with this email"), T0)
                        .origin())
                .isEqualTo(Origin.MATCHED);
        assertThat(apply(syncing(), new SyncEvent.Recovered("z3", "marker"), T0).origin())
                .isEqualTo(Origin.CREATED);
        assertThat(in(SyncStatus.MANUAL).origin()).isEqualTo(Origin.MANUAL);
        SyncState matched = apply(syncing(), new Linked("z2", "by email"), T0);
        SyncState update = apply(matched, new EntityChanged(), T0);
        SyncState updated = apply(apply(update, new Claimed("w", T0.plus(LEASE)), T0), new Succeeded("z2"), T0);
        assertThat(updated.origin()).as("an update keeps the record's origin").isEqualTo(Origin.MATCHED);
        assertThat(apply(in(SyncStatus.SYNCED), new AdminUnlink(), T0).origin()).isNull();
    }

    @Test
    void a_permanent_failure_of_a_run_whose_data_changed_meanwhile_gives_the_new_data_a_fresh_try() {
        SyncState dirty = apply(syncing(), new EntityChanged(), T0);
        SyncState next = apply(dirty, new PermanentFailure("name too long"), T0.plusSeconds(1));
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.attempts()).isZero();
        assertThat(next.lastError()).isEqualTo("name too long");
    }

    @Test
    void a_run_interrupted_on_our_side_is_tried_again_later_without_using_an_attempt() {
        SyncState next =
                apply(syncing(), new SyncEvent.Interrupted("internal error: PgException", T0.plusSeconds(60)), T0);
        assertThat(next.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(next.attempts()).isZero();
        assertThat(next.nextRunAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(next.lastError()).isEqualTo("internal error: PgException");
        assertThatThrownBy(() -> new SyncEvent.Interrupted(" ", T0)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_record_left_as_it_is_stays_synced_and_keeps_its_origin() {
        SyncState matched = apply(syncing(), new Linked("z2", "by email"), T0);
        SyncState again = apply(apply(matched, new EntityChanged(), T0), new Claimed("w", T0.plus(LEASE)), T0);
        SyncState kept = apply(again, new SyncEvent.Kept("z2", "shared by two customers"), T0);
        assertThat(kept.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(kept.origin()).isEqualTo(Origin.MATCHED);
        assertThat(kept.reason()).isEqualTo("shared by two customers");
        assertThat(apply(syncing(), new SyncEvent.Kept("z3", "left as it is"), T0)
                        .origin())
                .as("a record of unknown origin is not taken for ours")
                .isEqualTo(Origin.MATCHED);
    }

    @Test
    void queued_and_linked_say_whether_a_job_waits_and_whether_zoho_holds_the_record() {
        for (SyncStatus status : SyncStatus.values()) {
            SyncState state = in(status);
            boolean queued = status == SyncStatus.PENDING
                    || status == SyncStatus.RETRYING
                    || status == SyncStatus.WAITING
                    || status == SyncStatus.SYNCING;
            assertThat(state.isQueued()).as(status.wire()).isEqualTo(queued);
            assertThat(state.isLinked())
                    .as(status.wire())
                    .isEqualTo(status == SyncStatus.SYNCED || status == SyncStatus.MANUAL);
        }
    }
}
