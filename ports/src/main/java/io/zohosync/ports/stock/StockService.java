package io.zohosync.ports.stock;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.stock.StockChange;
import io.zohosync.domain.stock.StockFlush;
import io.zohosync.domain.stock.StockKey;
import io.zohosync.domain.stock.StockLevel;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.flows.stock.StockMapping;
import io.zohosync.ports.in.StockUseCase;
import io.zohosync.ports.intake.CanonicalJson;
import io.zohosync.ports.intake.WireFields;
import io.zohosync.ports.out.InboundEvents;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.StockLevels;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoStock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: stock both ways (issue 11). A platform change is recorded in one intake transaction — its id claimed
 * (a repeat replays, another body under it is refused), the record's levels moved, the STOCK record queued through
 * the state machine, due after the {@link StockFlush} window when the change found it not queued (so later changes
 * are taken along). A Zoho change (webhook or poll) is applied in one transaction too: once per adjustment line, both
 * levels moved by its quantity, and a {@code stock.changed} message published; the service's own adjustments (their
 * reference) apply nothing; an item the service does not know is kept for an admin.
 */
public final class StockService implements StockUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(StockService.class);

    /** The provider under which platform change ids are kept. */
    static final String CHANGES = "stock-change";
    /** The provider under which Zoho Inventory's webhook events are kept. */
    public static final String ZOHO_INVENTORY = "zoho-inventory";

    static final String CURSOR = "inventory_adjustments";
    static final int MAX_PAGES = 50;

    private final Intake intake;
    private final StockLevels levels;
    private final InboundEvents inbound;
    private final ZohoStock zoho;
    private final SyncStateMachine machine;
    private final StockFlush flush;
    private final Clock clock;
    private final StockMapping mapping = new StockMapping();

    public StockService(
            Intake intake,
            StockLevels levels,
            InboundEvents inbound,
            ZohoStock zoho,
            SyncStateMachine machine,
            StockFlush flush,
            Clock clock) {
        this.intake = intake;
        this.levels = levels;
        this.inbound = inbound;
        this.zoho = zoho;
        this.machine = machine;
        this.flush = flush;
        this.clock = clock;
    }

    @Override
    public Future<Change> change(Map<String, Object> body) {
        StockChange change;
        try {
            change = read(body);
        } catch (InvalidInput e) {
            return Future.succeededFuture(new Change.Invalid(e.errors()));
        }
        String hash = CanonicalJson.sha256(wire(change));
        EntityRef ref = new EntityRef(EntityType.STOCK, change.key().id());
        Instant now = clock.instant();
        return intake.inTransaction(tx -> tx.claimEvent(CHANGES, change.id(), hash, ref, now)
                .compose(earlier -> {
                    if (earlier.isPresent()) {
                        return earlier.get().equals(hash)
                                ? replay(tx, change)
                                : Future.succeededFuture(new Change.IdReused(change.id()));
                    }
                    return record(tx, change, ref, now);
                }));
    }

    private static StockChange read(Map<String, Object> body) {
        WireFields fields = WireFields.of(body);
        String id = fields.string("id", 200);
        String sku = fields.string("sku", 100);
        String warehouse = fields.string("warehouse", 100);
        BigDecimal delta = fields.decimal("delta");
        BigDecimal level = fields.decimal("level");
        String reason = fields.string("reason", StockChange.MAX_REASON);
        return fields.build(() -> new StockChange(id, sku, warehouse, delta, level, reason));
    }

    private static Map<String, Object> wire(StockChange change) {
        return WireFields.compact(
                "id", change.id(),
                "sku", change.sku(),
                "warehouse", change.warehouse(),
                "delta",
                        change.delta() == null
                                ? null
                                : change.delta().stripTrailingZeros().toPlainString(),
                "level",
                        change.level() == null
                                ? null
                                : change.level().stripTrailingZeros().toPlainString(),
                "reason", change.reason());
    }

    private Future<Change> replay(IntakeTransaction tx, StockChange change) {
        SyncKey key = new EntityRef(EntityType.STOCK, change.key().id()).at(SyncTarget.INVENTORY);
        return tx.stock()
                .lock(change.key())
                .compose(level -> tx.lockRecord(key)
                        .map(state -> new Change.Recorded(
                                change.id(),
                                change.key(),
                                true,
                                level.map(StockLevel::platformLevel).orElse(null),
                                state.map(SyncState::status).orElse(null))));
    }

    private Future<Change> record(IntakeTransaction tx, StockChange change, EntityRef ref, Instant now) {
        StockKey stock = change.key();
        return tx.lockEntity(ref)
                .compose(stored ->
                        stored.isPresent() ? Future.succeededFuture() : tx.saveEntity(entity(ref, stock, now), now))
                .compose(x -> tx.stock().lock(stock))
                .compose(level -> {
                    StockLevel next =
                            level.orElseGet(() -> StockLevel.unknown(stock)).changed(change);
                    return tx.stock().save(next, now).map(next);
                })
                .compose(level -> queue(tx, ref.at(SyncTarget.INVENTORY), now)
                        .map(status -> new Change.Recorded(change.id(), stock, false, level.platformLevel(), status)));
    }

    private StoredEntity entity(EntityRef ref, StockKey stock, Instant now) {
        Map<String, Object> payload = mapping.write(stock);
        return new StoredEntity(ref, payload, 1, CanonicalJson.sha256(payload), now, now);
    }

    /** Offers the record the change (the state machine decides), put off by the flush window if it was not queued. */
    private Future<SyncStatus> queue(IntakeTransaction tx, SyncKey key, Instant now) {
        return tx.lockRecord(key).compose(before -> {
            if (before.isEmpty()) {
                SyncState first = flush.delay(false, SyncState.pending(now), now);
                return tx.storeRecord(key, before, first, "registered", now).map(first.status());
            }
            SyncState state = before.get();
            Transition transition = machine.apply(state, new SyncEvent.EntityChanged(), now);
            if (transition instanceof Transition.Rejected rejected) {
                return tx.note(key, state, "changed", "not queued: " + rejected.reason(), now)
                        .map(state.status());
            }
            SyncState next = flush.delay(state.isQueued(), ((Transition.Moved) transition).next(), now);
            if (next.equals(state)) {
                // taken along by the queued push, which reads the levels as they are then: no log row per change
                return Future.succeededFuture(state.status());
            }
            return tx.storeRecord(key, before, next, "changed", now).map(next.status());
        });
    }

    @Override
    public Future<Pulled> zohoEvent(List<ZohoEvent> all) {
        List<ZohoEvent> lines = all.stream()
                .filter(e -> e.quantity() != null && e.sku() != null && e.adjustmentId() != null)
                .toList();
        if (lines.isEmpty()) {
            return Future.succeededFuture(Pulled.REPEATED);
        }
        ZohoEvent event = lines.get(0);
        StockKey stock = new StockKey(event.sku(), event.warehouse());
        Instant now = clock.instant();
        // an unmatched item's event must not stay claimed unless it is kept: its transaction is rolled back (the
        // claim with it) and the event kept after; if keeping fails, Zoho's retry finds it unclaimed
        return intake.<Pulled>inTransaction(tx -> tx.claimEvent(
                                ZOHO_INVENTORY,
                                event.eventId(),
                                CanonicalJson.sha256(Map.of("body", event.rawBody())),
                                new EntityRef(EntityType.STOCK, stock.id()),
                                now)
                        .compose(earlier -> {
                            if (earlier.isPresent()) {
                                return Future.succeededFuture(Pulled.REPEATED);
                            }
                            if (StockLevel.isOurs(event.reference())) {
                                return Future.succeededFuture(Pulled.OURS);
                            }
                            return applyAll(tx, lines, 0, Pulled.REPEATED, now);
                        })
                        .compose(pulled -> pulled == Pulled.UNMATCHED
                                ? Future.<Pulled>failedFuture(new Unmatched())
                                : Future.succeededFuture(pulled)))
                .recover(
                        e -> e instanceof Unmatched ? Future.succeededFuture(Pulled.UNMATCHED) : Future.failedFuture(e))
                .compose(pulled -> pulled == Pulled.UNMATCHED ? unmatched(event, now) : Future.succeededFuture(pulled));
    }

    /** Applies the event's lines from {@code next}: APPLIED if any was, UNMATCHED if the item is unknown. */
    private Future<Pulled> applyAll(IntakeTransaction tx, List<ZohoEvent> lines, int next, Pulled so, Instant now) {
        if (next == lines.size()) {
            return Future.succeededFuture(so);
        }
        ZohoEvent line = lines.get(next);
        return apply(
                        tx,
                        new StockKey(line.sku(), line.warehouse()),
                        line.adjustmentId(),
                        line.quantity(),
                        line.stockOnHand(),
                        line.madeAt(),
                        "webhook",
                        now)
                .compose(pulled -> pulled == Pulled.UNMATCHED
                        ? Future.succeededFuture(Pulled.UNMATCHED)
                        : applyAll(tx, lines, next + 1, pulled == Pulled.APPLIED ? Pulled.APPLIED : so, now));
    }

    /** Rolls back an unmatched event's transaction (its claim): nothing of it is stored until it is kept. */
    private static final class Unmatched extends RuntimeException {
        Unmatched() {
            super("unmatched", null, false, false);
        }
    }

    /**
     * Applies one adjustment line made at {@code madeAt}: unknown item → UNMATCHED (the transaction then holds nothing:
     * the caller keeps the event); applied before → REPEATED; else the levels move ({@link StockLevel#pulled(BigDecimal,
     * Instant)}: one made before Zoho's level was read moves only the platform's, which then has more to push: the
     * record is offered the change) and the platform is told.
     */
    private Future<Pulled> apply(
            IntakeTransaction tx,
            StockKey stock,
            String adjustmentId,
            BigDecimal quantity,
            BigDecimal levelAfter,
            Instant madeAt,
            String via,
            Instant now) {
        // the record's key first, as a platform change takes it: a first row is not made twice at once
        return tx.lockEntity(new EntityRef(EntityType.STOCK, stock.id()))
                .compose(x -> tx.stock().lock(stock))
                .compose(level -> known(tx, stock, level).compose(known -> {
                    if (!known) {
                        return Future.succeededFuture(Pulled.UNMATCHED);
                    }
                    return tx.stock()
                            .claimAdjustment(adjustmentId, stock, quantity, via, now)
                            .compose(first -> {
                                if (!first) {
                                    return Future.succeededFuture(Pulled.REPEATED);
                                }
                                StockLevel next = level.map(l -> l.pulled(quantity, madeAt))
                                        .orElseGet(() -> levelAfter != null
                                                ? StockLevel.at(stock, levelAfter)
                                                : StockLevel.unknown(stock));
                                BigDecimal told = next.platformLevel() != null ? next.platformLevel() : levelAfter;
                                boolean morePush = level.isPresent()
                                        && level.get().includedInRead(madeAt)
                                        && !next.platform().equals(level.get().platform());
                                return tx.stock()
                                        .save(next, now)
                                        .compose(
                                                x -> tx.publish(message(stock, told, quantity, adjustmentId, via, now)))
                                        .compose(x -> morePush
                                                ? queue(
                                                                tx,
                                                                new EntityRef(EntityType.STOCK, stock.id())
                                                                        .at(SyncTarget.INVENTORY),
                                                                now)
                                                        .mapEmpty()
                                                : Future.succeededFuture())
                                        .map(Pulled.APPLIED);
                            });
                }));
    }

    private static Future<Boolean> known(IntakeTransaction tx, StockKey stock, Optional<StockLevel> level) {
        if (level.isPresent()) {
            return Future.succeededFuture(true);
        }
        return tx.lockEntity(new EntityRef(EntityType.ITEM, stock.sku())).map(Optional::isPresent);
    }

    private static PlatformMessage message(
            StockKey stock, BigDecimal level, BigDecimal delta, String adjustmentId, String via, Instant now) {
        Map<String, Object> data = new HashMap<>();
        data.put("sku", stock.sku());
        data.put("warehouse", stock.warehouse());
        data.put("level", level == null ? null : number(level));
        data.put("delta", number(delta));
        data.put("reason", "changed in Zoho Inventory");
        data.put("zoho_adjustment_id", adjustmentId);
        data.put("source", "zoho_inventory_" + via);
        data.values().removeIf(java.util.Objects::isNull);
        return new PlatformMessage("stock.changed", stock.stream(), data, now);
    }

    /** A JSON number: an integral quantity as a long, else the decimal (no trailing zeros). */
    static Number number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() <= 0) {
            try {
                return plain.longValueExact();
            } catch (ArithmeticException e) {
                return plain;
            }
        }
        return plain;
    }

    private Future<Pulled> unmatched(ZohoEvent event, Instant now) {
        LOG.warn(
                "Zoho Inventory event {} names item sku {}, which the service does not know: kept for an admin",
                event.eventId(),
                event.sku());
        Map<String, String> metadata = new HashMap<>();
        metadata.put("sku", event.sku());
        metadata.put("zoho_item_id", event.itemId() == null ? "" : event.itemId());
        metadata.put("zoho_adjustment_id", event.adjustmentId());
        metadata.put("quantity", event.quantity().toPlainString());
        return inbound.keep(new InboundEvents.Received(
                        ZOHO_INVENTORY,
                        event.eventId(),
                        event.eventType(),
                        InboundEvents.Status.UNMATCHED,
                        "no item with sku " + event.sku() + " is known to the service",
                        now,
                        null,
                        null,
                        null,
                        null,
                        metadata,
                        event.rawBody()))
                .map(Pulled.UNMATCHED);
    }

    @Override
    public Future<Integer> poll() {
        Instant now = clock.instant();
        return levels.cursor(CURSOR).compose(cursor -> {
            if (cursor.isEmpty()) {
                // the first poll starts the watch: what Zoho changed before the service watched is not news
                return levels.saveCursor(CURSOR, now).map(0);
            }
            // no stock record yet: nothing to watch, no Zoho call; the watch starts from here
            return levels.tracking()
                    .compose(tracking -> tracking
                            ? page(cursor.get(), 1, cursor.get(), 0)
                            : levels.saveCursor(CURSOR, now).map(0));
        });
    }

    private Future<Integer> page(Instant since, int page, Instant newest, int applied) {
        return zoho.modifiedSince(since, page).compose(outcome -> {
            if (!(outcome instanceof ZohoOutcome.Success<ZohoStock.Page> ok)) {
                LOG.warn("the Inventory adjustments poll stopped at page {}: {}", page, outcome);
                return levels.saveCursor(CURSOR, newest).map(applied);
            }
            return adjustments(ok.value().adjustments(), 0, new Progress(newest, 0, false))
                    .compose(progress -> {
                        if (!progress.stopped() && ok.value().more() && page < MAX_PAGES) {
                            return page(since, page + 1, progress.last(), applied + progress.applied());
                        }
                        return levels.saveCursor(CURSOR, progress.last()).map(applied + progress.applied());
                    });
        });
    }

    /** How far a poll's page went: the newest change fully applied, the lines applied, and whether it stopped. */
    private record Progress(Instant last, int applied, boolean stopped) {
        Progress moved(Instant modifiedAt, int count) {
            Instant newest = modifiedAt != null && (last == null || modifiedAt.isAfter(last)) ? modifiedAt : last;
            return new Progress(newest, applied + count, false);
        }
    }

    /**
     * The page's adjustments in order. Zoho's list omits line items, so each adjustment that is not the service's own
     * is read by its id (a Zoho call, within the budget); one that cannot be read stops the poll there (logged), the
     * cursor kept at the last adjustment applied so the next poll reads it again.
     */
    private Future<Progress> adjustments(List<ZohoStock.Adjustment> adjustments, int next, Progress progress) {
        if (next == adjustments.size()) {
            return Future.succeededFuture(progress);
        }
        ZohoStock.Adjustment listed = adjustments.get(next);
        if (StockLevel.isOurs(listed.reference())) {
            return adjustments(adjustments, next + 1, progress.moved(listed.modifiedAt(), 0));
        }
        Future<ZohoOutcome<ZohoStock.Adjustment>> read = listed.lines().isEmpty()
                ? zoho.adjustment(listed.id())
                : Future.succeededFuture(new ZohoOutcome.Success<>(listed));
        return read.compose(outcome -> {
            if (outcome instanceof ZohoOutcome.NotFound<ZohoStock.Adjustment>) {
                LOG.warn("Inventory adjustment {} was listed but is gone (deleted): nothing applied", listed.id());
                return adjustments(adjustments, next + 1, progress.moved(listed.modifiedAt(), 0));
            }
            if (!(outcome instanceof ZohoOutcome.Success<ZohoStock.Adjustment> ok)) {
                LOG.warn(
                        "the Inventory adjustments poll could not read adjustment {} ({} of the page left unread): {}; "
                                + "the next poll reads it again",
                        listed.id(),
                        adjustments.size() - next,
                        outcome);
                return Future.succeededFuture(new Progress(progress.last(), progress.applied(), true));
            }
            ZohoStock.Adjustment adjustment = ok.value();
            if (adjustment.lines().isEmpty()) {
                LOG.warn("Inventory adjustment {} has no line with a quantity: nothing to apply", adjustment.id());
            }
            Instant madeAt = adjustment.createdAt() != null ? adjustment.createdAt() : listed.createdAt();
            return lines(adjustment, madeAt)
                    .compose(count -> adjustments(adjustments, next + 1, progress.moved(listed.modifiedAt(), count)));
        });
    }

    private Future<Integer> lines(ZohoStock.Adjustment adjustment, Instant madeAt) {
        // one line per (sku, warehouse), as the applied lines are keyed: two lines of one warehouse are summed
        Map<StockKey, ZohoStock.Line> summed = new java.util.LinkedHashMap<>();
        for (ZohoStock.Line line : adjustment.lines()) {
            if (line.sku() == null || line.sku().isBlank()) {
                LOG.warn(
                        "Inventory adjustment {} has a line without a sku (item {}): skipped",
                        adjustment.id(),
                        line.itemId());
                continue;
            }
            summed.merge(
                    new StockKey(line.sku(), line.warehouse()),
                    line,
                    (a, b) -> new ZohoStock.Line(
                            a.itemId(), a.sku(), a.warehouse(), a.quantity().add(b.quantity())));
        }
        Future<Integer> chain = Future.succeededFuture(0);
        for (Map.Entry<StockKey, ZohoStock.Line> entry : summed.entrySet()) {
            ZohoStock.Line line = entry.getValue();
            StockKey stock = entry.getKey();
            if (line.quantity().signum() == 0) {
                continue;
            }
            chain = chain.compose(count -> intake.<Pulled>inTransaction(tx ->
                            apply(tx, stock, adjustment.id(), line.quantity(), null, madeAt, "poll", clock.instant()))
                    .compose(pulled -> pulled == Pulled.UNMATCHED
                            ? unmatched(
                                            new ZohoEvent(
                                                    "adjustment/" + adjustment.id() + "/" + stock.id(),
                                                    "inventory_adjustment",
                                                    adjustment.id(),
                                                    adjustment.reference(),
                                                    line.itemId(),
                                                    line.sku(),
                                                    line.warehouse(),
                                                    line.quantity(),
                                                    null,
                                                    madeAt,
                                                    "poll",
                                                    "{}"),
                                            clock.instant())
                                    .map(count)
                            : Future.succeededFuture(pulled == Pulled.APPLIED ? count + 1 : count)));
        }
        return chain;
    }
}
