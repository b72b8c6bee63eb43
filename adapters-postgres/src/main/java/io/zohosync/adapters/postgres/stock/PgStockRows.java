package io.zohosync.adapters.postgres.stock;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.ports.out.StockRows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Postgres adapter for {@link StockRows}: the stock steps of one intake transaction, on its connection. */
public final class PgStockRows implements StockRows {

    private static final String CLAIM = """
            insert into stock_applied_adjustments (adjustment_id, sku, warehouse, quantity, via, applied_at)
            values ($1, $2, $3, $4, $5, $6) on conflict do nothing""";

    private final SqlConnection conn;

    public PgStockRows(SqlConnection conn) {
        this.conn = conn;
    }

    @Override
    public Future<Optional<StockLevel>> lock(StockKey key) {
        return conn.preparedQuery(StockSql.LOCK)
                .execute(StockSql.key(key))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(StockSql.level(rows.iterator().next())));
    }

    @Override
    public Future<Void> save(StockLevel level, Instant now) {
        return conn.preparedQuery(StockSql.SAVE)
                .execute(StockSql.save(level, now))
                .mapEmpty();
    }

    @Override
    public Future<Boolean> claimAdjustment(
            String adjustmentId, StockKey key, BigDecimal quantity, String via, Instant now) {
        return conn.preparedQuery(CLAIM)
                .execute(Tuple.of(adjustmentId, key.sku(), StockSql.warehouse(key), quantity, via, utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }
}
