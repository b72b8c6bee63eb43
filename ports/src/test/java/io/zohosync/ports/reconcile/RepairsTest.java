package io.zohosync.ports.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.reconcile.Drift;
import io.zohosync.domain.reconcile.DriftKind;
import io.zohosync.domain.reconcile.Repair;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.AdminSyncUseCase;
import io.zohosync.ports.in.ReconcileDrift;
import io.zohosync.ports.out.SyncRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A repair acts as the admin would, and the admin history names who asked for it beside the report it comes from. */
class RepairsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final SyncKey KEY = new SyncKey(EntityType.CUSTOMER, "c-1", SyncTarget.BOOKS);

    private final List<AdminSyncUseCase.Command> asked = new ArrayList<>();
    private final Repairs repairs = new Repairs(
            command -> {
                asked.add(command);
                return Future.succeededFuture(new AdminSyncUseCase.Result.Refused("test"));
            },
            new NeverSent(),
            new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(1)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_repair_an_admin_confirms_is_theirs_in_the_history_and_one_the_reconciliation_applies_is_the_reports() {
        ReconcileDrift neverSent = new ReconcileDrift(
                7,
                12,
                KEY,
                new Drift(DriftKind.NEVER_SENT, Repair.RESEND, false, null, "never sent", Map.of()),
                null,
                null);

        repairs.apply(neverSent, "Ada Operator").result();
        repairs.apply(neverSent, null).result();

        assertThat(asked)
                .extracting(AdminSyncUseCase.Command::actor)
                .containsExactly("Ada Operator via reconcile (report 12)", "reconcile (report 12)");
        assertThat(asked).allSatisfy(c -> assertThat(c.action()).isEqualTo(AdminSyncUseCase.Action.RETRY));
    }

    /** The record as the report saw it: never linked to Zoho. */
    private static final class NeverSent implements SyncRecords {
        @Override
        public Future<Map<SyncKey, SyncState>> states(Collection<SyncKey> keys) {
            return Future.succeededFuture(Map.of(KEY, SyncState.pending(NOW)));
        }

        @Override
        public Future<Optional<Changed>> change(
                SyncKey key, String event, Function<SyncState, Transition> decide, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<Changed>> changeWaitingOn(
                SyncKey prerequisite, String event, Function<SyncState, Transition> decide, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<Changed>> changeDeferred(
                io.zohosync.domain.sync.DeferCause cause,
                String event,
                Function<SyncState, Transition> decide,
                Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<SyncState> ensureQueued(SyncKey key, String why, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Integer> linkedTo(SyncKey key, String zohoId) {
            throw new UnsupportedOperationException();
        }
    }
}
