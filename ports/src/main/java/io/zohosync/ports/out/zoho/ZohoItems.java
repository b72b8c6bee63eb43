package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.catalog.Item;
import java.util.List;

/** Outbound port: items in Zoho Books; the sku is the item's marker. */
public interface ZohoItems {

    Future<ZohoOutcome<ZohoItem>> create(Item item);

    /** Pushes a changed item (name, rate, description, sku) onto the Books item it is linked to. */
    Future<ZohoOutcome<ZohoItem>> update(String itemId, Item item);

    Future<ZohoOutcome<ZohoItem>> get(String itemId);

    /** Items whose sku equals {@code sku} (ignoring case). */
    Future<ZohoOutcome<List<ZohoItem>>> findBySku(String sku);
}
