package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The stock records' storage steps inside one intake transaction (locks held until it ends). Storage only. */
public interface StockRows {

    /** The record's levels, locked for this transaction. */
    Future<Optional<StockLevel>> lock(StockKey key);

    Future<Void> save(StockLevel level, Instant now);

    /**
     * Notes that Zoho adjustment {@code adjustmentId}'s line for {@code key} was applied; false (and nothing noted)
     * when it had been already.
     */
    Future<Boolean> claimAdjustment(String adjustmentId, StockKey key, BigDecimal quantity, String via, Instant now);
}
