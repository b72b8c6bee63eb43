package io.zohosync.domain.stock;

import io.zohosync.domain.common.Checks;

/** Value: one stock record, an item's sku and (null for none) its warehouse; its id is {@code sku} or {@code sku@warehouse}. */
public record StockKey(String sku, String warehouse) {

    public StockKey {
        new Checks().required("sku", sku).throwIfAny();
    }

    /** The STOCK entity's id. */
    public String id() {
        return warehouse == null ? sku : sku + "@" + warehouse;
    }

    /** The key of an id made by {@link #id()} (a sku has no {@code @}: the last one separates the warehouse). */
    public static StockKey of(String id) {
        int at = id.lastIndexOf('@');
        return at < 0 ? new StockKey(id, null) : new StockKey(id.substring(0, at), id.substring(at + 1));
    }

    /** The platform's message stream for this record. */
    public String stream() {
        return "stock:" + id();
    }
}
