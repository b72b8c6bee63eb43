package io.zohosync.adapters.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.RetryPolicy;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Locking a record that has no row yet: two transactions that both find nothing must still take turns, or
 * the second would store its answer over the first's without the state machine seeing it (and the lock order
 * job-then-record would not hold for a job inserted meanwhile).
 */
class PgLockingTest {

    private static final SyncStateMachine MACHINE = new SyncStateMachine(RetryPolicy.DEFAULT, new SplittableRandom(5));

    @Test
    void a_record_without_a_row_is_still_locked_so_the_second_transaction_sees_the_first_ones_answer()
            throws Exception {
        Vertx vertx = Vertx.vertx();
        PostgresAdapters pg =
                await(PostgresAdapters.start(vertx, PostgresFixture.shared().newDatabase()));
        try {
            SyncKey key = new SyncKey(EntityType.CUSTOMER, "lock-1", SyncTarget.BOOKS);
            Instant now = Instant.now();
            Future<Void> first = pg.pool()
                    .withTransaction(conn -> RecordStore.lock(conn, key).compose(found -> {
                        assertThat(found).isEmpty();
                        return sleep(vertx, 300)
                                .compose(x -> RecordStore.store(
                                        conn,
                                        key,
                                        found,
                                        new SyncState(SyncStatus.PENDING, 0, now, null, null, null, "queued first"),
                                        "registered",
                                        now));
                    }));
            Future<Optional<SyncState>> second =
                    sleep(vertx, 100).compose(x -> pg.pool().withTransaction(conn -> RecordStore.lock(conn, key)));

            assertThat(await(second))
                    .as("the second waited for the first and sees its record")
                    .hasValueSatisfying(state -> assertThat(state.reason()).isEqualTo("queued first"));
            assertThat(first.succeeded()).isTrue();
        } finally {
            await(pg.close());
            await(vertx.close());
        }
    }

    private static Future<Void> sleep(Vertx vertx, long ms) {
        Promise<Void> done = Promise.promise();
        vertx.setTimer(ms, id -> done.complete());
        return done.future();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
