package io.zohosync.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of {@link ZohoStates} and {@link io.zohosync.ports.out.IntakeTransaction#mirror}, for every adapter. */
public abstract class ZohoStatesContract {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");

    protected abstract ZohoStates states();

    protected abstract Intake intake();

    private static SyncKey key(EntityRef ref, SyncTarget target) {
        return new SyncKey(ref.type(), ref.id(), target);
    }

    private static EntityRef service() {
        return new EntityRef(EntityType.SUBSCRIPTION, "svc-" + UUID.randomUUID());
    }

    @Test
    void a_newer_state_replaces_an_older_one_and_never_the_reverse() throws Exception {
        EntityRef ref = service();
        SyncKey key = key(ref, SyncTarget.BILLING);
        assertThat(await(states().mirror(key, new ZohoState("live", Map.of("plan_code", "BASIC"), T0, "sync"))))
                .isTrue();
        assertThat(await(states().mirror(
                                key,
                                new ZohoState(
                                        "non_renewing", Map.of("plan_code", "BASIC"), T0.plusSeconds(60), "ev-2"))))
                .isTrue();
        // a late webhook about the earlier moment changes nothing
        assertThat(await(states().mirror(key, new ZohoState("live", Map.of(), T0.plusSeconds(30), "ev-1"))))
                .isFalse();

        ZohoState kept = await(states().statesOf(ref)).get(SyncTarget.BILLING);
        assertThat(kept.status()).isEqualTo("non_renewing");
        assertThat(kept.details()).containsEntry("plan_code", "BASIC");
        assertThat(kept.zohoTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(kept.source()).isEqualTo("ev-2");
    }

    @Test
    void each_target_keeps_its_own_state() throws Exception {
        EntityRef ref = service();
        await(states().mirror(key(ref, SyncTarget.BILLING), new ZohoState("live", Map.of(), T0, "sync")));
        await(states().mirror(
                        key(ref, SyncTarget.BOOKS), new ZohoState("sent", Map.of("balance", "10.00"), T0, "sync")));

        assertThat(await(states().statesOf(ref)))
                .containsOnlyKeys(SyncTarget.BILLING, SyncTarget.BOOKS)
                .hasEntrySatisfying(
                        SyncTarget.BOOKS, s -> assertThat(s.details()).containsEntry("balance", "10.00"));
        assertThat(await(states().statesOf(service()))).isEmpty();
    }

    @Test
    void a_state_mirrored_in_an_intake_transaction_is_kept_with_it_or_not_at_all() throws Exception {
        EntityRef kept = service();
        EntityRef rolledBack = service();
        await(intake().inTransaction(
                        tx -> tx.mirror(key(kept, SyncTarget.BILLING), new ZohoState("live", Map.of(), T0, "ev-1"))));
        assertThatThrownBy(() -> await(intake().inTransaction(tx -> tx.mirror(
                                key(rolledBack, SyncTarget.BILLING), new ZohoState("live", Map.of(), T0, "ev-2"))
                        .compose(x -> Future.failedFuture(new IllegalStateException("refused later"))))))
                .hasMessage("refused later");

        assertThat(await(states().statesOf(kept))).containsKey(SyncTarget.BILLING);
        assertThat(await(states().statesOf(rolledBack))).isEmpty();
    }

    @Test
    void an_entity_is_found_in_an_intake_transaction_by_its_zoho_id_per_type_and_target() throws Exception {
        EntityRef linked = service();
        String zohoId = "Z-" + UUID.randomUUID();
        SyncState synced = new SyncState(SyncStatus.SYNCED, 0, T0, null, null, zohoId, "synced");
        await(intake().inTransaction(tx ->
                tx.storeRecord(key(linked, SyncTarget.BILLING), java.util.Optional.empty(), synced, "synced", T0)));

        assertThat(linked(EntityType.SUBSCRIPTION, SyncTarget.BILLING, zohoId)).contains(linked);
        assertThat(linked(EntityType.SUBSCRIPTION, SyncTarget.BOOKS, zohoId)).isEmpty();
        assertThat(linked(EntityType.INVOICE, SyncTarget.BILLING, zohoId)).isEmpty();
        assertThat(linked(EntityType.SUBSCRIPTION, SyncTarget.BILLING, "Z-unknown"))
                .isEmpty();
    }

    private java.util.Optional<EntityRef> linked(EntityType type, SyncTarget target, String zohoId) throws Exception {
        return await(
                intake().<java.util.Optional<EntityRef>>inTransaction(tx -> tx.linkedEntity(type, target, zohoId)));
    }

    protected static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
