package io.zohosync.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncStateTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void a_new_sync_is_pending_and_due_at_once() {
        SyncState s = SyncState.pending(T0);
        assertThat(s.status()).isEqualTo(SyncStatus.PENDING);
        assertThat(s.attempts()).isZero();
        assertThat(s.isDue(T0)).isTrue();
        assertThat(s.isDue(T0.minusMillis(1))).isFalse();
        assertThat(s.leaseOwner()).isEmpty();
        assertThat(s.leaseUntil()).isEmpty();
        assertThat(s.reason()).isEqualTo("new");
    }

    @Test
    void a_lease_is_held_exactly_while_syncing() {
        Lease lease = new Lease("w", T0);
        assertThatThrownBy(() -> new SyncState(SyncStatus.SYNCING, 0, T0, null, null, null, "r"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SyncState(SyncStatus.PENDING, 0, T0, null, lease, null, "r"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_synced_or_manual_state_needs_a_zoho_id() {
        assertThatThrownBy(() -> new SyncState(SyncStatus.SYNCED, 1, T0, null, null, null, "r"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SyncState(SyncStatus.MANUAL, 1, T0, null, null, " ", "r"))
                .isInstanceOf(InvalidInput.class);
        assertThat(new SyncState(SyncStatus.MANUAL, 1, T0, null, null, "z", "r").zohoId())
                .isEqualTo("z");
    }

    @Test
    void a_state_needs_a_status_a_due_time_and_non_negative_attempts() {
        assertThatThrownBy(() -> new SyncState(null, 0, T0, null, null, null, "r"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SyncState(SyncStatus.PENDING, -1, T0, null, null, null, "r"))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SyncState(SyncStatus.PENDING, 0, null, null, null, null, "r"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void transient_faults_are_counted_only_while_queued_or_syncing() {
        TransientFaults one = new TransientFaults(1, T0);
        for (SyncStatus status : List.of(SyncStatus.PENDING, SyncStatus.RETRYING, SyncStatus.WAITING)) {
            assertThat(new SyncState(status, 0, T0, null, null, null, "r", false, null, null, one).transientFaults())
                    .isEqualTo(one);
        }
        assertThat(new SyncState(SyncStatus.SYNCING, 0, T0, null, new Lease("w", T0), null, "r", false, null, null, one)
                        .transientFaults())
                .isEqualTo(one);
        for (SyncStatus status : List.of(SyncStatus.SYNCED, SyncStatus.FAILED, SyncStatus.SKIPPED, SyncStatus.MANUAL)) {
            assertThatThrownBy(() -> new SyncState(status, 1, T0, null, null, "z", "r", false, null, null, one))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("transient_faults");
        }
        assertThatThrownBy(() -> new TransientFaults(0, T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new TransientFaults(1, null)).isInstanceOf(InvalidInput.class);
        assertThat(TransientFaults.first(T0).next()).isEqualTo(new TransientFaults(2, T0));
    }

    @Test
    void another_lease_keeps_everything_else() {
        SyncState s = new SyncState(
                SyncStatus.SYNCING,
                2,
                T0,
                "e",
                new Lease("a", T0),
                "z",
                "r",
                true,
                null,
                Origin.CREATED,
                new TransientFaults(3, T0));
        assertThat(s.withLease(new Lease("b", T0.plusSeconds(1))))
                .isEqualTo(new SyncState(
                        SyncStatus.SYNCING,
                        2,
                        T0,
                        "e",
                        new Lease("b", T0.plusSeconds(1)),
                        "z",
                        "r",
                        true,
                        null,
                        Origin.CREATED,
                        new TransientFaults(3, T0)));
    }

    @Test
    void a_lease_expires_at_its_end() {
        Lease lease = new Lease("w", T0);
        assertThat(lease.expiredAt(T0.minusMillis(1))).isFalse();
        assertThat(lease.expiredAt(T0)).isTrue();
        assertThatThrownBy(() -> new Lease("", T0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Lease("w", null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void statuses_travel_in_lower_case() {
        assertThat(SyncStatus.RETRYING.wire()).isEqualTo("retrying");
        assertThat(SyncStatus.fromWire("manual")).isEqualTo(SyncStatus.MANUAL);
    }
}
