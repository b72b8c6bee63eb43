package io.zohosync.adapters.postgres.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.PostgresAdapters;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transactions whose first statements go out behind their BEGIN: they still run inside it, are committed or rolled
 * back as {@code Pool.withTransaction} would, and give the connection back whatever happens.
 */
class TransactionsTest {

    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // one connection: a transaction that did not give it back would hang the next
        pool = PostgresAdapters.pool(vertx, PostgresFixture.shared().settings().withPoolSize(1));
        await(pool.query("create table if not exists tx_test (k text primary key)")
                .execute());
    }

    @AfterAll
    static void stop() throws Exception {
        await(pool.close());
        await(vertx.close());
    }

    @Test
    void statements_sent_right_behind_the_begin_run_inside_the_transaction() throws Exception {
        // both sent at once, with the BEGIN still unanswered: had either gone out before it, in autocommit, each would
        // have a transaction of its own
        long[] ids = await(Transactions.run(pool, conn -> {
            Future<RowSet<Row>> first = conn.query("select txid_current()").execute();
            Future<RowSet<Row>> second = conn.query("select txid_current()").execute();
            return Future.all(first, second).map(x -> new long[] {id(first.result()), id(second.result())});
        }));

        assertThat(ids[0]).isEqualTo(ids[1]);
    }

    @Test
    void the_work_is_committed_when_it_succeeds_and_its_result_answered() throws Exception {
        String key = UUID.randomUUID().toString();

        String answered = await(Transactions.run(pool, conn -> insert(conn, key).map("done")));

        assertThat(answered).isEqualTo("done");
        assertThat(stored(key)).isTrue();
    }

    @Test
    void the_work_is_rolled_back_when_it_fails_and_its_failure_answered() throws Exception {
        String key = UUID.randomUUID().toString();

        Future<Object> failed = Transactions.run(
                pool, conn -> insert(conn, key).compose(x -> Future.failedFuture(new IllegalStateException("no"))));

        assertThatThrownBy(() -> await(failed)).hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(stored(key)).isFalse();
    }

    @Test
    void the_work_is_rolled_back_when_it_throws_after_sending_a_statement() throws Exception {
        String key = UUID.randomUUID().toString();

        Future<Object> thrown = Transactions.run(pool, conn -> {
            insert(conn, key);
            throw new IllegalArgumentException("thrown");
        });

        assertThatThrownBy(() -> await(thrown)).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(stored(key)).isFalse();
    }

    @Test
    void a_failed_statement_fails_the_transaction_and_leaves_nothing() throws Exception {
        String key = UUID.randomUUID().toString();

        Future<Object> failed = Transactions.run(
                pool, conn -> insert(conn, key).compose(x -> insert(conn, key)).mapEmpty());

        assertThatThrownBy(() -> await(failed)).isInstanceOf(ExecutionException.class);
        assertThat(stored(key)).isFalse();
    }

    @Test
    void a_connection_the_database_ends_mid_transaction_fails_it_and_prints_nothing_outside_the_log() throws Exception {
        Pool other =
                PostgresAdapters.pool(vertx, PostgresFixture.shared().settings().withPoolSize(1));
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // the database ends the connection (a restart, an administrator) while the transaction holds it idle
            Future<Object> ended = Transactions.run(
                    pool,
                    conn -> conn.query("select pg_backend_pid()")
                            .execute()
                            .compose(rows -> other.query("select pg_terminate_backend(" + id(rows) + ")")
                                    .execute())
                            .compose(x -> vertx.timer(300))
                            .compose(x -> conn.query("select 1").execute())
                            .mapEmpty());

            assertThatThrownBy(() -> await(ended)).isInstanceOf(ExecutionException.class);
        } finally {
            System.setErr(stderr);
            await(other.close());
        }
        // the driver prints what it is not given a handler for to standard error, outside the log's format
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(stored("after " + UUID.randomUUID()))
                .as("the pool serves again")
                .isFalse();
    }

    private static Future<RowSet<Row>> insert(io.vertx.sqlclient.SqlConnection conn, String key) {
        return conn.preparedQuery("insert into tx_test (k) values ($1)").execute(Tuple.of(key));
    }

    private static boolean stored(String key) throws Exception {
        // the pool's one connection: this also proves the transaction gave it back
        return await(pool.preparedQuery("select 1 from tx_test where k = $1").execute(Tuple.of(key)))
                        .size()
                == 1;
    }

    private static long id(RowSet<Row> rows) {
        return rows.iterator().next().getLong(0);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
