package io.zohosync.ports.flows.stock;

import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.intake.WireFields;
import java.util.Map;

/**
 * The STOCK entity's stored form: which record ({@code sku}, {@code warehouse}); its levels live in the stock table.
 * It has no collection: stock arrives as changes at {@code /api/v1/stock-changes}, not as PUTs.
 */
public final class StockMapping implements EntityMapping<StockKey> {

    @Override
    public EntityType type() {
        return EntityType.STOCK;
    }

    @Override
    public String collection() {
        return null;
    }

    @Override
    public StockKey read(String id, Map<String, Object> json) {
        WireFields fields = WireFields.of(json);
        String sku = fields.string("sku");
        String warehouse = fields.string("warehouse");
        return fields.build(() -> new StockKey(sku, warehouse));
    }

    @Override
    public Map<String, Object> write(StockKey key) {
        return WireFields.compact("id", key.id(), "sku", key.sku(), "warehouse", key.warehouse());
    }

    @Override
    public String id(StockKey key) {
        return key.id();
    }
}
