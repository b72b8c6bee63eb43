package io.zohosync.adapters.postgres.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.PlatformMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A message published in an intake transaction reaches the outbox (V13) with it, or not at all. */
class PgPublishTest {

    private static Vertx vertx;
    private static PostgresAdapters pg;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pg = await(PostgresAdapters.start(vertx, PostgresFixture.shared().settings()));
    }

    @AfterAll
    static void stop() throws Exception {
        await(pg.close());
        await(vertx.close());
    }

    @Test
    void a_committed_transaction_leaves_its_message_pending_in_the_outbox() throws Exception {
        String stream = "stock:" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-30T07:00:00.123456Z");
        await(pg.intake()
                .inTransaction(tx -> tx.publish(
                        new PlatformMessage("stock.changed", stream, Map.of("sku", "W-1", "level", 7), at))));

        List<Row> rows = outbox(stream);
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.getString("event_type")).isEqualTo("stock.changed");
        assertThat(row.getString("status")).isEqualTo("pending");
        assertThat(row.getInteger("attempts")).isZero();
        assertThat(row.getUUID("message_id")).isNotNull();
        assertThat(row.getOffsetDateTime("occurred_at").toInstant()).isEqualTo(at);
        assertThat((JsonObject) row.getValue("payload"))
                .isEqualTo(new JsonObject().put("sku", "W-1").put("level", 7));
    }

    @Test
    void a_rolled_back_transaction_publishes_nothing() throws Exception {
        String stream = "stock:" + UUID.randomUUID();
        assertThatThrownBy(() -> await(pg.intake()
                        .inTransaction(tx -> tx.publish(new PlatformMessage(
                                        "stock.changed", stream, Map.of("sku", "W-1"), Instant.now()))
                                .compose(x -> Future.failedFuture(new IllegalStateException("refused later"))))))
                .hasMessage("refused later");

        assertThat(outbox(stream)).isEmpty();
    }

    private static List<Row> outbox(String stream) throws Exception {
        List<Row> rows = new ArrayList<>();
        await(pg.pool()
                        .preparedQuery("select * from platform_outbox where stream_key = $1 order by id")
                        .execute(Tuple.of(stream)))
                .forEach(rows::add);
        return rows;
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
