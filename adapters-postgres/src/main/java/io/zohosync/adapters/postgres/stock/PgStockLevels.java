package io.zohosync.adapters.postgres.stock;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.ports.out.StockLevels;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Postgres adapter for {@link StockLevels}: each call its own transaction, the row locked while it changes. */
public final class PgStockLevels implements StockLevels {

    private static final String FIND = "select * from stock_levels where sku = $1 and warehouse = $2";
    private static final String CURSOR = "select cursor_at from stock_cursors where name = $1";
    private static final String SAVE_CURSOR = """
            insert into stock_cursors (name, cursor_at, updated_at) values ($1, $2, now())
            on conflict (name) do update set cursor_at = greatest(stock_cursors.cursor_at, excluded.cursor_at),
                updated_at = now()""";

    private final Pool pool;
    private final Clock clock;

    public PgStockLevels(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Future<Optional<StockLevel>> find(StockKey key) {
        return pool.preparedQuery(FIND)
                .execute(StockSql.key(key))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(StockSql.level(rows.iterator().next())));
    }

    @Override
    public Future<StockLevel> update(StockKey key, UnaryOperator<StockLevel> change) {
        return Transactions.run(
                pool,
                conn -> conn.preparedQuery(StockSql.LOCK)
                        .execute(StockSql.key(key))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(new IllegalStateException("no stock record " + key.id()));
                            }
                            StockLevel before = StockSql.level(rows.iterator().next());
                            StockLevel after = change.apply(before);
                            if (after.equals(before)) {
                                return Future.succeededFuture(before);
                            }
                            return conn.preparedQuery(StockSql.SAVE)
                                    .execute(StockSql.save(after, clock.instant()))
                                    .map(after);
                        }));
    }

    @Override
    public Future<Boolean> tracking() {
        return pool.query("select exists (select 1 from stock_levels) as tracking")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean("tracking"));
    }

    @Override
    public Future<Optional<Instant>> cursor(String name) {
        return pool.preparedQuery(CURSOR)
                .execute(Tuple.of(name))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator()
                                .next()
                                .getOffsetDateTime("cursor_at")
                                .toInstant()));
    }

    @Override
    public Future<Void> saveCursor(String name, Instant at) {
        return pool.preparedQuery(SAVE_CURSOR).execute(Tuple.of(name, utc(at))).mapEmpty();
    }
}
