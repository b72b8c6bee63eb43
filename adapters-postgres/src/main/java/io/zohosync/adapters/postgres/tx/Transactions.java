package io.zohosync.adapters.postgres.tx;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.TransactionRollbackException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions as {@link Pool#withTransaction(Function)} runs them, but with the work's first statements sent right
 * behind the {@code BEGIN} (pipelined on the connection) instead of after its answer: one round trip less for every
 * transaction (issue 14). The connection runs what it is sent in order, so those statements still run inside the
 * transaction; when the {@code BEGIN} fails, the connection is gone and so are they, and the transaction fails with it.
 * What ends the connection while it is held is logged ({@link #logEnding}).
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {}

    /**
     * Runs {@code work} in a transaction on a pooled connection: committed when its future succeeds, rolled back when
     * it fails (or when a statement of it failed), the connection given back either way.
     */
    public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> work) {
        return withConnection(pool, conn -> {
            Future<Transaction> begun = conn.begin();
            Transaction tx = conn.transaction();
            Future<T> worked = applied(work, conn);
            return begun.compose(x -> worked)
                    .compose(
                            result -> tx.commit().map(result),
                            failure -> failure instanceof TransactionRollbackException
                                    ? Future.<T>failedFuture(failure)
                                    : tx.rollback().transform(x -> Future.<T>failedFuture(failure)));
        });
    }

    /** As {@link Pool#withConnection(Function)}, with what ends the connection while it is held logged, not printed. */
    public static <T> Future<T> withConnection(Pool pool, Function<SqlConnection, Future<T>> work) {
        return pool.getConnection().compose(conn -> {
            logEnding(conn);
            return applied(work, conn).onComplete(x -> conn.close());
        });
    }

    /** {@code work}'s future; a throw is a failed one. */
    private static <T> Future<T> applied(Function<SqlConnection, Future<T>> work, SqlConnection conn) {
        try {
            return work.apply(conn);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Logs what ends {@code conn} while it is held (the database restarting, an administrator ending the session):
     * without a handler the driver prints it to standard error, outside the log.
     */
    public static void logEnding(SqlConnection conn) {
        conn.exceptionHandler(e -> LOG.warn("a database connection ended while in use: {}", e.toString()));
    }
}
