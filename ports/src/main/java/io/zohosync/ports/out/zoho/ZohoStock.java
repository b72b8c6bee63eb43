package io.zohosync.ports.out.zoho;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Outbound port: stock in Zoho Inventory. The service changes it only by quantity adjustments carrying its own
 * reference number, so an adjustment whose answer was lost is found again with {@link #findAdjustments}; Zoho's own
 * changes are read back as adjustments modified since a cursor.
 */
public interface ZohoStock {

    /** One line of an adjustment: an item (by Zoho id and sku), its warehouse (null: none named) and the quantity. */
    record Line(String itemId, String sku, String warehouse, BigDecimal quantity) {}

    /**
     * An adjustment as Zoho keeps it, made at {@code createdAt}; {@code lines} empty in a list's entry (Zoho's lists
     * omit line items: read the adjustment itself with {@link #adjustment}).
     */
    record Adjustment(String id, String reference, List<Line> lines, Instant modifiedAt, Instant createdAt) {}

    /** One page of adjustments, oldest change first, and whether another follows. */
    record Page(List<Adjustment> adjustments, boolean more) {}

    /**
     * Adjusts item {@code itemId} (in {@code warehouse}, null for none) by {@code quantity} on {@code date} for
     * {@code reason}, under {@code reference}; the adjustment's id.
     */
    Future<ZohoOutcome<String>> adjust(
            String itemId, String warehouse, BigDecimal quantity, String reference, String reason, LocalDate date);

    /** The ids of the adjustments carrying exactly {@code reference} (every page of the search). */
    Future<ZohoOutcome<List<String>>> findAdjustments(String reference);

    /** Page {@code page} (from 1) of the adjustments modified at or after {@code since}, oldest first. */
    Future<ZohoOutcome<Page>> modifiedSince(Instant since, int page);

    /** One adjustment with its lines. */
    Future<ZohoOutcome<Adjustment>> adjustment(String id);

    /** The item's stock on hand. */
    Future<ZohoOutcome<BigDecimal>> level(String itemId);

    /** The item's stock on hand in {@code warehouse} (null: the item's total, as {@link #level(String)}). */
    Future<ZohoOutcome<BigDecimal>> level(String itemId, String warehouse);
}
