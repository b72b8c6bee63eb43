package io.zohosync.ports.flows.stock;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.ports.intake.EntityMapping;
import io.zohosync.ports.out.StockLevels;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoStock;
import io.zohosync.ports.sync.handler.Links;
import io.zohosync.ports.sync.handler.SyncHandler;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A stock record towards Zoho Inventory: one quantity adjustment of what Zoho lacks of the platform's level, however
 * many changes were taken along. The record is linked to its Inventory item (its prerequisite). Every adjustment is
 * a write, so each has its own intent, noted (committed) under a fresh reference before the call and recorded after;
 * a run that finds an intent set looks for its reference first and records what it finds instead of adjusting again.
 * An intent whose adjustment is not found is dropped only once it is older than {@code settle} (a Zoho request's
 * timeout and a margin: an adjustment still being made, or not yet listed, is not made twice); younger, the job is
 * put off without an attempt used ({@link ZohoOutcome.RateLimited}, scope concurrency).
 */
public final class StockInventoryHandler implements SyncHandler<StockKey> {

    /** The reason every adjustment of the service carries (Zoho requires one). */
    static final String REASON = "Stock change from the platform (zoho-sync)";

    private final ZohoStock zoho;
    private final StockLevels levels;
    private final Clock clock;
    private final Duration settle;
    private final StockMapping mapping = new StockMapping();

    /** A Zoho request's default timeout (30 s, {@code ZohoSettings}) and as much again. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(60);

    public StockInventoryHandler(ZohoStock zoho, StockLevels levels, Clock clock) {
        this(zoho, levels, clock, DEFAULT_SETTLE);
    }

    public StockInventoryHandler(ZohoStock zoho, StockLevels levels, Clock clock, Duration settle) {
        this.zoho = zoho;
        this.levels = levels;
        this.clock = clock;
        this.settle = settle;
    }

    @Override
    public EntityType type() {
        return EntityType.STOCK;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.INVENTORY;
    }

    @Override
    public EntityMapping<StockKey> mapping() {
        return mapping;
    }

    @Override
    public List<EntityRef> prerequisites(StockKey key) {
        return List.of(new EntityRef(EntityType.ITEM, key.sku()));
    }

    /** Zoho's level (read once per record) and the adjustment. */
    @Override
    public int plannedCreateCalls(StockKey key) {
        return 2;
    }

    /** The adjustment (a search first when an intent is left: taken as it goes). */
    @Override
    public int plannedUpdateCalls(StockKey key, boolean ours) {
        return 1;
    }

    /** The record is its item's: "found" is the item, and the push happens in {@link #completeFound}. */
    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(StockKey key) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(List.of()));
    }

    @Override
    public Future<ZohoOutcome<List<String>>> findByMarker(StockKey key, Links links) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(List.of(linkId(key, links))));
    }

    @Override
    public Future<ZohoOutcome<String>> completeFound(String linkId, StockKey key, Links links) {
        return push(key, linkId);
    }

    @Override
    public Future<ZohoOutcome<String>> create(StockKey key, Links links) {
        return push(key, linkId(key, links));
    }

    @Override
    public Future<ZohoOutcome<String>> update(String linkId, StockKey key, Links links) {
        return push(key, linkId);
    }

    @Override
    public Future<ZohoOutcome<String>> updateOwnedFields(String linkId, StockKey key, Links links) {
        return push(key, linkId);
    }

    @Override
    public Future<ZohoOutcome<String>> read(String linkId) {
        return zoho.level(itemOf(linkId))
                .map(level -> level instanceof ZohoOutcome.Success<BigDecimal>
                        ? new ZohoOutcome.Success<>(linkId)
                        : ZohoOutcome.retype(level));
    }

    /**
     * The record's link: its item's Zoho id, with {@code @warehouse} for a warehouse's record (two warehouses' records
     * of one item are not one record shared, which the runner would refuse to update).
     */
    private static String linkId(StockKey key, Links links) {
        String itemId = links.zohoId(new EntityRef(EntityType.ITEM, key.sku()));
        return key.warehouse() == null ? itemId : itemId + "@" + key.warehouse();
    }

    private static String itemOf(String linkId) {
        int at = linkId.indexOf('@');
        return at < 0 ? linkId : linkId.substring(0, at);
    }

    /** Settles a push left unsure, reads Zoho's level if never read, then adjusts by what Zoho lacks (nothing: no call). */
    Future<ZohoOutcome<String>> push(StockKey key, String linkId) {
        String itemId = itemOf(linkId);
        return levels.find(key).compose(found -> {
            if (found.isEmpty()) {
                return success(linkId);
            }
            return settle(found.get())
                    .compose(settled -> settled instanceof ZohoOutcome.Success<StockLevel> ok
                            ? known(ok.value(), itemId)
                            : Future.succeededFuture(Optional.of(ZohoOutcome.<String>retype(settled))))
                    .compose(failure -> failure.isPresent()
                            ? Future.succeededFuture(failure.get())
                            : adjust(key, itemId)
                                    .map(done -> done instanceof ZohoOutcome.Success<String>
                                            ? new ZohoOutcome.Success<>(linkId)
                                            : done));
        });
    }

    /**
     * A level whose intent is settled (its adjustment found and recorded, or known absent: not found and older than
     * {@code settle}); else the failure to report: Zoho did not say (outage), or the intent is too young to call its
     * adjustment absent (put off until it is old enough, no attempt used).
     */
    private Future<ZohoOutcome<StockLevel>> settle(StockLevel level) {
        if (!level.hasIntent()) {
            return Future.succeededFuture(new ZohoOutcome.Success<>(level));
        }
        String reference = level.intentReference();
        return zoho.findAdjustments(reference).compose(found -> {
            if (!(found instanceof ZohoOutcome.Success<List<String>> ok)) {
                return Future.succeededFuture(
                        new ZohoOutcome.Outage<>("the earlier adjustment's search did not answer: " + found));
            }
            boolean made = !ok.value().isEmpty();
            Instant now = clock.instant();
            if (!made && !level.intentSettled(now, settle)) {
                Duration wait = Duration.between(now, level.intentAt().plus(settle));
                return Future.succeededFuture(new ZohoOutcome.RateLimited<>(
                        ZohoOutcome.RateLimited.Scope.CONCURRENCY,
                        wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait,
                        "the adjustment " + reference + " is not found yet; it may still be in the making"));
            }
            return levels.update(
                            level.key(),
                            l -> !reference.equals(l.intentReference())
                                    ? l
                                    : made ? l.pushed(l.intentQuantity()) : l.withoutIntent())
                    .map(l -> new ZohoOutcome.Success<>(l));
        });
    }

    /** Reads Zoho's level when the record has never known it; a failure to report, or empty to go on. */
    private Future<Optional<ZohoOutcome<String>>> known(StockLevel level, String itemId) {
        if (!level.needsZohoLevel()) {
            return Future.succeededFuture(Optional.empty());
        }
        Instant sent = clock.instant(); // what Zoho made before this is in the level read
        return zoho.level(itemId, level.key().warehouse()).compose(read -> {
            if (!(read instanceof ZohoOutcome.Success<BigDecimal> ok)) {
                return Future.succeededFuture(Optional.of(ZohoOutcome.retype(read)));
            }
            return levels.update(level.key(), l -> l.zohoRead(ok.value(), sent)).map(x -> Optional.empty());
        });
    }

    private Future<ZohoOutcome<String>> adjust(StockKey key, String itemId) {
        return levels.update(key, l -> l.toPush().signum() == 0 ? l : l.intending(l.toPush(), clock.instant()))
                .compose(noted -> {
                    if (!noted.hasIntent()) {
                        return success(itemId);
                    }
                    String reference = noted.intentReference();
                    BigDecimal quantity = noted.intentQuantity();
                    return zoho.adjust(
                                    itemId,
                                    key.warehouse(),
                                    quantity,
                                    reference,
                                    REASON,
                                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                            .compose(outcome -> recorded(key, itemId, reference, outcome));
                });
    }

    /**
     * Records the adjustment's outcome: made → Zoho's level moves and the intent goes; refused (Zoho answered, nothing
     * made) → the intent goes; unknown (no answer) → the intent stays for the next run's search.
     */
    private Future<ZohoOutcome<String>> recorded(
            StockKey key, String itemId, String reference, ZohoOutcome<String> outcome) {
        if (outcome instanceof ZohoOutcome.Success<String>) {
            return levels.update(key, l -> reference.equals(l.intentReference()) ? l.pushed(l.intentQuantity()) : l)
                    .map(x -> new ZohoOutcome.Success<>(itemId));
        }
        if (outcome instanceof ZohoOutcome.Validation<String> || outcome instanceof ZohoOutcome.NotFound<String>) {
            return levels.update(key, l -> reference.equals(l.intentReference()) ? l.withoutIntent() : l)
                    .map(x -> ZohoOutcome.retype(outcome));
        }
        return Future.succeededFuture(ZohoOutcome.retype(outcome));
    }

    private static Future<ZohoOutcome<String>> success(String itemId) {
        return Future.succeededFuture(new ZohoOutcome.Success<>(itemId));
    }
}
