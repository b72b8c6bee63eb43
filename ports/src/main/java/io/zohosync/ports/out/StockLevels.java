package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Outbound port: the stock records' levels outside an intake (each call its own transaction), for the push that
 * notes its intent before the adjustment call and records it after, and the poll's cursor.
 */
public interface StockLevels {

    Future<Optional<StockLevel>> find(StockKey key);

    /** Applies {@code change} to the record's levels as they stand (row locked) and stores it; the levels after. */
    Future<StockLevel> update(StockKey key, UnaryOperator<StockLevel> change);

    /** Whether any stock record is kept (the poll has nothing to watch before). */
    Future<Boolean> tracking();

    /** The poll's cursor named {@code name}, if it has one. */
    Future<Optional<Instant>> cursor(String name);

    Future<Void> saveCursor(String name, Instant at);
}
