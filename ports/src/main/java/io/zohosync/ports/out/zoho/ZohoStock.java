package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockChange;

/** Outbound port: stock levels in Zoho Inventory, pushed as quantity adjustments. */
public interface ZohoStock {

    /**
     * Adjusts the Zoho item {@code itemId} by the change's delta (new level minus previous), with {@code reason}.
     * Success carries the adjustment id; a zero delta makes no call and succeeds with an empty id.
     */
    Future<ZohoOutcome<String>> adjust(StockChange change, String itemId, String reason);
}
