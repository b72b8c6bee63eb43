package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockChange;
import java.util.List;

/**
 * Outbound port: stock levels in Zoho Inventory, pushed as quantity adjustments. Each adjustment carries the
 * change's {@link #marker} as its reference number, so an unknown outcome is resolved with {@link #findAdjustments}.
 */
public interface ZohoStock {

    /** The reference number of the adjustment for {@code change}: its sku and instant. */
    static String marker(StockChange change) {
        return "zs:" + change.itemSku() + "@" + change.at().toEpochMilli();
    }

    /**
     * Adjusts the Zoho item {@code itemId} by the change's delta (new level minus previous), with {@code reason}.
     * Success carries the adjustment id; a zero delta makes no call and succeeds with an empty id.
     */
    Future<ZohoOutcome<String>> adjust(StockChange change, String itemId, String reason);

    /** Ids of the adjustments already made for {@code change} (by its marker). */
    Future<ZohoOutcome<List<String>>> findAdjustments(StockChange change);
}
