package io.zohosync.adapters.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.ports.out.SyncHealthReader;
import io.zohosync.ports.out.SyncHealthReader.Activity;
import io.zohosync.ports.out.SyncHealthReader.StoredConnection;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PgSyncHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private Vertx vertx;
    private Pool pool;
    private SyncHealthReader health;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        pool = PostgresAdapters.pool(vertx, PostgresFixture.shared().newDatabase());
        health = new PgSyncHealth(pool);
    }

    @AfterEach
    void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void an_empty_database_has_nothing_due_nothing_synced_and_no_stored_connection() throws Exception {
        Activity activity = await(health.activity(NOW));

        assertThat(activity.counts()).isEmpty();
        assertThat(activity.due()).isZero();
        assertThat(activity.oldestDueSince()).isNull();
        assertThat(activity.lastSynced()).isNull();
        assertThat(await(health.connection("default"))).isEqualTo(new StoredConnection(false, false, null));
    }

    @Test
    void the_due_records_the_oldest_of_them_and_the_last_success_are_read_from_the_records() throws Exception {
        record("c-1", "synced", null, "2026-11-30T09:00:00Z");
        record("c-2", "synced", null, "2026-11-30T10:30:00Z");
        record("c-3", "pending", "2026-11-30T05:00:00Z", null);
        record("c-4", "retrying", "2026-11-30T11:00:00Z", null);
        record("c-5", "retrying", "2026-11-30T13:00:00Z", null); // not due yet
        record("c-6", "failed", null, null);
        record("c-7", "waiting", "2026-11-30T01:00:00Z", null); // waits for a prerequisite, not due

        Activity activity = await(health.activity(NOW));

        assertThat(activity.counts())
                .containsEntry(SyncStatus.SYNCED, 2L)
                .containsEntry(SyncStatus.PENDING, 1L)
                .containsEntry(SyncStatus.RETRYING, 2L)
                .containsEntry(SyncStatus.FAILED, 1L)
                .containsEntry(SyncStatus.WAITING, 1L);
        assertThat(activity.due()).isEqualTo(2);
        assertThat(activity.oldestDueSince()).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
        assertThat(activity.lastSynced()).isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
    }

    @Test
    void the_sample_is_of_synced_records_with_a_zoho_id_and_no_larger_than_asked() throws Exception {
        for (int i = 0; i < 6; i++) {
            record("s-" + i, "synced", null, "2026-11-30T09:00:00Z");
            await(pool.query("update sync_records set zoho_id = 'z-" + i + "' where entity_id = 's-" + i + "'")
                    .execute());
        }
        record("no-id", "synced", null, "2026-11-30T09:00:00Z");
        record("p-1", "pending", "2026-11-30T05:00:00Z", null);

        assertThat(await(health.sample(4))).hasSize(4).allSatisfy(linked -> {
            assertThat(linked.key().entityId()).startsWith("s-");
            assertThat(linked.zohoId()).isEqualTo("z-" + linked.key().entityId().substring(2));
        });
        assertThat(await(health.sample(50))).hasSize(6);
    }

    @Test
    void the_stored_connection_tells_a_kept_refresh_token_a_refused_one_and_a_cool_down() throws Exception {
        await(pool.query("insert into zoho_tokens (connection_id, key_id, refresh_token, reconnect_needed,"
                        + " cool_down_until) values ('default', 'k1', '\\x00'::bytea, true, '2026-11-30T12:05:00Z')")
                .execute());

        assertThat(await(health.connection("default")))
                .isEqualTo(new StoredConnection(true, true, Instant.parse("2026-11-30T12:05:00Z")));
        assertThat(await(health.connection("other"))).isEqualTo(new StoredConnection(false, false, null));
    }

    private void record(String id, String status, String nextRunAt, String syncedAt) throws Exception {
        await(pool.query("insert into sync_records (entity_type, entity_id, target, status, next_run_at, created_at,"
                        + " updated_at, synced_at) values ('customer', '" + id + "', 'books', '" + status + "', "
                        + literal(nextRunAt) + ", '2026-11-29T00:00:00Z', '2026-11-29T00:00:00Z', "
                        + literal(syncedAt) + ")")
                .execute());
    }

    private static String literal(String at) {
        return at == null ? "null" : "'" + at + "'";
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
