package io.zohosync.adapters.postgres.stock;

import static io.zohosync.adapters.postgres.sync.RecordStore.utc;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import java.time.Instant;

/** The stock tables' statements and row mapping, shared by the transaction's steps and the stand-alone port. */
final class StockSql {

    static final String LOCK = "select * from stock_levels where sku = $1 and warehouse = $2 for update";
    static final String SAVE = """
            insert into stock_levels (sku, warehouse, platform_level, platform_known, zoho_level, intent_reference,
                                      intent_quantity, pushes, updated_at, zoho_read_at, platform_from_read,
                                      intent_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (sku, warehouse) do update set
                platform_level = excluded.platform_level, platform_known = excluded.platform_known,
                zoho_level = excluded.zoho_level, intent_reference = excluded.intent_reference,
                intent_quantity = excluded.intent_quantity, pushes = excluded.pushes, updated_at = excluded.updated_at,
                zoho_read_at = excluded.zoho_read_at, platform_from_read = excluded.platform_from_read,
                intent_at = excluded.intent_at""";

    private StockSql() {}

    static Tuple key(StockKey key) {
        return Tuple.of(key.sku(), warehouse(key));
    }

    static String warehouse(StockKey key) {
        return key.warehouse() == null ? "" : key.warehouse();
    }

    static Tuple save(StockLevel level, Instant now) {
        return Tuple.from(new Object[] {
            level.key().sku(),
            warehouse(level.key()),
            level.platform(),
            level.platformKnown(),
            level.zoho(),
            level.intentReference(),
            level.intentQuantity(),
            level.pushes(),
            utc(now),
            level.zohoReadAt() == null ? null : utc(level.zohoReadAt()),
            level.platformFromRead(),
            level.intentAt() == null ? null : utc(level.intentAt())
        });
    }

    static StockLevel level(Row row) {
        String warehouse = row.getString("warehouse");
        return new StockLevel(
                new StockKey(row.getString("sku"), warehouse.isEmpty() ? null : warehouse),
                row.getBigDecimal("platform_level"),
                row.getBoolean("platform_known"),
                row.getBigDecimal("zoho_level"),
                row.getString("intent_reference"),
                row.getBigDecimal("intent_quantity"),
                row.getLong("pushes"),
                instant(row, "zoho_read_at"),
                row.getBoolean("platform_from_read"),
                instant(row, "intent_at"));
    }

    private static Instant instant(Row row, String column) {
        java.time.OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }
}
