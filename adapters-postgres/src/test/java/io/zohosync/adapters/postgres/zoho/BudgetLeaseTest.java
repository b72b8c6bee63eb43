package io.zohosync.adapters.postgres.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BudgetLeaseTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private static List<UUID> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
    }

    /** A lease with one job's unit back idle and {@code slots} slots ahead, granting until a second after T0. */
    private static BudgetLease leaseWith(int slots) {
        BudgetLease lease = new BudgetLease();
        UUID unit = UUID.randomUUID();
        lease.joined(unit);
        lease.renew(ids(slots), T0, Duration.ofSeconds(1));
        assertThat(lease.ended(unit, List.of())).isTrue();
        return lease;
    }

    @Test
    void a_reservation_takes_an_idle_unit_and_its_slots_while_the_lease_grants() {
        BudgetLease lease = leaseWith(3);

        assertThat(lease.idleUnits()).isEqualTo(1);
        BudgetLease.Taken taken = lease.take("org", ZohoProduct.BOOKS, 2, T0).orElseThrow();
        assertThat(taken.reservation().slotIds()).hasSize(2);
        assertThat(lease.freeSlots()).isEqualTo(1);
        assertThat(lease.handedOut()).isEqualTo(2);
        // its unit is busy: nothing more starts from here until it ends
        assertThat(lease.idleUnits()).isZero();
        assertThat(lease.take("org", ZohoProduct.BOOKS, 1, T0)).isEmpty();

        lease.ended(
                taken.grant().unit(),
                List.of(UUID.fromString(taken.reservation().slotIds().get(1))));
        assertThat(lease.freeSlots()).isEqualTo(2);
        assertThat(lease.idleUnits()).isEqualTo(1);
    }

    @Test
    void a_reservation_needs_all_its_slots_and_the_lease_grants_only_within_its_life_whatever_the_callers_clock() {
        BudgetLease lease = leaseWith(4);

        assertThat(lease.take("org", ZohoProduct.BOOKS, 5, T0)).isEmpty();
        BudgetLease.Taken taken =
                lease.take("org", ZohoProduct.BOOKS, 2, T0.plusMillis(999)).orElseThrow();
        lease.ended(taken.grant().unit(), List.of());
        assertThat(lease.take("org", ZohoProduct.BOOKS, 1, T0.plusSeconds(1))).isEmpty();
        assertThat(lease.granting(T0.plusSeconds(1))).isFalse();
        // a caller whose clock lags does not bring the lease back
        assertThat(lease.take("org", ZohoProduct.BOOKS, 1, T0)).isEmpty();
    }

    @Test
    void a_job_that_ends_once_the_lease_has_lived_gives_back_to_the_database() {
        BudgetLease lease = leaseWith(2);
        BudgetLease.Taken taken = lease.take("org", ZohoProduct.BOOKS, 1, T0).orElseThrow();

        assertThat(lease.granting(T0.plusSeconds(2))).isFalse();
        assertThat(lease.ended(taken.grant().unit(), List.of())).isFalse();
        assertThat(lease.empty()).isFalse();
        assertThat(lease.takeIdle()).hasSize(1);
        assertThat(lease.empty()).isTrue();
    }

    @Test
    void a_stopped_lease_grants_nothing_and_keeps_nothing_a_job_gives_back_until_it_is_renewed() {
        BudgetLease lease = leaseWith(4);
        BudgetLease.Taken running = lease.take("org", ZohoProduct.BOOKS, 1, T0).orElseThrow();

        lease.stop();
        assertThat(lease.granting(T0)).isFalse();
        assertThat(lease.ended(running.grant().unit(), List.of())).isFalse();
        assertThat(lease.freeSlots()).isEqualTo(3);

        lease.renew(List.of(), T0, Duration.ofSeconds(2));
        assertThat(lease.granting(T0)).isTrue();
        assertThat(lease.handedOut()).isZero();
    }

    @Test
    void what_is_idle_is_taken_out_whole_and_the_lease_is_empty_once_its_jobs_have_ended() {
        BudgetLease lease = leaseWith(5);
        BudgetLease.Taken running = lease.take("org", ZohoProduct.BOOKS, 1, T0).orElseThrow();

        assertThat(lease.takeIdle()).hasSize(4);
        assertThat(lease.hasIdle()).isFalse();
        assertThat(lease.empty()).isFalse();

        lease.ended(running.grant().unit(), List.of());
        assertThat(lease.takeIdle()).containsExactly(running.grant().unit());
        assertThat(lease.empty()).isTrue();
    }

    @Test
    void units_lent_to_a_settlement_are_joined_by_the_reservations_granted_and_idle_again_if_refused() {
        BudgetLease lease = new BudgetLease();
        List<UUID> units = ids(3);
        units.forEach(lease::joined);
        lease.renew(List.of(), T0, Duration.ofSeconds(1));
        units.forEach(unit -> lease.ended(unit, List.of()));

        List<UUID> lent = lease.takeIdleUnits(2);
        assertThat(lent).hasSize(2);
        assertThat(lease.idleUnits()).isEqualTo(1);
        lease.joinedLent(lent.get(0));
        lease.idle(lent.subList(1, 2));
        assertThat(lease.idleUnits()).isEqualTo(2);
    }

    @Test
    void a_lease_with_units_lent_to_a_settlement_in_progress_is_not_empty() {
        BudgetLease lease = new BudgetLease();
        UUID unit = UUID.randomUUID();
        lease.joined(unit);
        lease.renew(List.of(), T0, Duration.ofSeconds(1));
        lease.ended(unit, List.of());

        List<UUID> lent = lease.takeIdleUnits(1);
        assertThat(lease.hasIdle()).isFalse();
        assertThat(lease.empty()).isFalse();
        lease.forget(lent);
        assertThat(lease.empty()).isTrue();
    }
}
