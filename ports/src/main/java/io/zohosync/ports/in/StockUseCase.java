package io.zohosync.ports.in;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.sync.SyncStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Inbound port: stock both ways with Zoho Inventory (issue 11). The platform's stock changes, idempotent by their
 * change id, queue one push per stock record; Zoho's own changes (a webhook's event, a poll's adjustment) move the
 * record's levels by their quantity, once per adjustment, and are published to the platform.
 */
public interface StockUseCase {

    /** The outcome of a platform stock change. */
    sealed interface Change {
        /** Recorded (or {@code replayed}: the same id and body as before, nothing done again). */
        record Recorded(String id, StockKey stock, boolean replayed, BigDecimal platformLevel, SyncStatus sync)
                implements Change {}

        /** The body breaks the rules; nothing was stored. */
        record Invalid(List<FieldError> errors) implements Change {}

        /** The id was used before with another body; nothing was stored. */
        record IdReused(String id) implements Change {}
    }

    /** Records a stock change sent by the platform (its JSON body as plain values). */
    Future<Change> change(Map<String, Object> body);

    /**
     * A stock change Zoho reported by webhook: its event id, the adjustment (id, reference number) and its line for the
     * item (Zoho id, sku, warehouse, quantity), the item's stock on hand after it (null if not told), where it was made
     * ({@code api}, {@code ui}) and the verified body.
     */
    record ZohoEvent(
            String eventId,
            String eventType,
            String adjustmentId,
            String reference,
            String itemId,
            String sku,
            String warehouse,
            BigDecimal quantity,
            BigDecimal stockOnHand,
            java.time.Instant madeAt,
            String source,
            String rawBody) {}

    /** What became of a Zoho change. */
    enum Pulled {
        /** Applied to the record's levels and published to the platform. */
        APPLIED,
        /** The service's own adjustment: nothing to apply. */
        OURS,
        /** Seen before (this event, or this adjustment through the other path): nothing applied again. */
        REPEATED,
        /** For an item the service does not know: kept for an admin. */
        UNMATCHED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One webhook event: its item's lines of the adjustment (one per warehouse, not empty, all under one event id and
     * sku), applied in one transaction, each keyed by (adjustment, sku, warehouse) as the poll's are; APPLIED when any
     * line was.
     */
    Future<Pulled> zohoEvent(List<ZohoEvent> lines);

    /** One poll of Zoho's adjustments since the stored cursor: how many lines it applied. */
    Future<Integer> poll();
}
