package io.zohosync.ports.intake;

import io.vertx.core.Future;
import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.common.InvalidInput.FieldError;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncEvent;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStateMachine;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.RecordEntityUseCase;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.StoredEntity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Use case: the one intake of every platform entity (design.md §3). It decides, storage only keeps: an
 * Idempotency-Key seen before replays or is refused; an entity whose canonical form did not change queues
 * nothing; a new or changed one is stored with a new version and every configured target's record is
 * offered {@code EntityChanged} by the state machine — all in one transaction.
 */
public final class IntakeService implements RecordEntityUseCase {

    /** The provider name under which platform Idempotency-Keys are kept. */
    static final String API_PROVIDER = "api";

    private static final Set<String> DOT_SEGMENTS = Set.of(".", "..");

    private final Intake intake;
    private final Map<EntityType, EntityMapping<?>> mappings;
    private final Routing routing;
    private final SyncStateMachine machine;
    private final Clock clock;

    public IntakeService(
            Intake intake, List<EntityMapping<?>> mappings, Routing routing, SyncStateMachine machine, Clock clock) {
        this.intake = intake;
        this.mappings = new EnumMap<>(EntityType.class);
        mappings.forEach(m -> this.mappings.put(m.type(), m));
        this.routing = routing;
        this.machine = machine;
        this.clock = clock;
    }

    @Override
    public Map<String, EntityType> collections() {
        Map<String, EntityType> collections = new TreeMap<>();
        mappings.values().forEach(m -> collections.put(m.collection(), m.type()));
        return collections;
    }

    @Override
    public Future<Result> record(Command command) {
        EntityMapping<?> mapping = mappings.get(command.type());
        if (mapping == null) {
            throw new IllegalArgumentException(
                    "no mapping for " + command.type().wire());
        }
        Canonical canonical;
        try {
            canonical = canonical(mapping, command);
        } catch (InvalidInput e) {
            return Future.succeededFuture(new Result.Invalid(e.errors()));
        }
        Instant now = clock.instant();
        Set<String> keys = command.idempotencyKey() == null
                ? Set.of("entity:" + canonical.ref())
                : Set.of("entity:" + canonical.ref(), "key:" + API_PROVIDER + "/" + command.idempotencyKey());
        // each step's statements are sent together (pipelined) and every one is awaited before the next step
        return intake.inSharedTransaction(keys, tx -> {
            Future<Optional<Result>> claimed = claim(tx, command, canonical.ref(), now);
            Future<Optional<StoredEntity>> locked = tx.lockEntity(canonical.ref());
            return claimed.compose(earlier -> locked.compose(stored ->
                    earlier.isPresent() ? Future.succeededFuture(earlier.get()) : store(tx, canonical, stored, now)));
        });
    }

    private record Canonical(EntityRef ref, Map<String, Object> payload, String hash) {}

    private static <E> Canonical canonical(EntityMapping<E> mapping, Command command) {
        Object bodyId = command.body().get("id");
        if (command.pathId() != null && bodyId != null && !command.pathId().equals(bodyId)) {
            throw new InvalidInput(List.of(new FieldError("id", "must match the id in the path")));
        }
        E entity = mapping.read(
                command.pathId() != null ? command.pathId() : bodyId instanceof String s ? s : null, command.body());
        String id = mapping.id(entity);
        if (DOT_SEGMENTS.contains(id)) {
            // a path normalizes these away (RFC 3986), so the entity could never be read back by its id
            throw new InvalidInput(List.of(new FieldError("id", "must not be '.' or '..', which no path can name")));
        }
        Map<String, Object> payload = mapping.write(entity);
        return new Canonical(new EntityRef(mapping.type(), id), payload, CanonicalJson.sha256(payload));
    }

    /** A result when the Idempotency-Key was seen before (replay or reuse); empty when the request is new. */
    private Future<Optional<Result>> claim(IntakeTransaction tx, Command command, EntityRef ref, Instant now) {
        if (command.idempotencyKey() == null) {
            return Future.succeededFuture(Optional.empty());
        }
        // the key guards this body for this entity: the same body sent for another entity is another request
        String guarded = CanonicalJson.sha256(Map.of("entity", ref.toString(), "body", command.payloadHash()));
        return tx.claimEvent(API_PROVIDER, command.idempotencyKey(), guarded, ref, now)
                .compose(earlier -> {
                    if (earlier.isEmpty()) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    if (!earlier.get().equals(guarded)) {
                        return Future.succeededFuture(Optional.of(new Result.KeyReused()));
                    }
                    return statuses(tx, ref).map(s -> Optional.of(new Result.Recorded(ref, Outcome.REPLAYED, s)));
                });
    }

    private Future<Result> store(IntakeTransaction tx, Canonical fact, Optional<StoredEntity> stored, Instant now) {
        boolean unchanged = stored.isPresent() && stored.get().payloadHash().equals(fact.hash());
        Outcome outcome = stored.isEmpty() ? Outcome.CREATED : unchanged ? Outcome.UNCHANGED : Outcome.UPDATED;
        Future<Void> saved = unchanged
                ? Future.succeededFuture()
                : tx.saveEntity(
                        new StoredEntity(
                                fact.ref(),
                                fact.payload(),
                                stored.map(s -> s.version() + 1).orElse(1),
                                fact.hash(),
                                stored.map(StoredEntity::receivedAt).orElse(now),
                                now),
                        now);
        Future<Set<SyncTarget>> awaited = tx.awaitedAt(fact.ref());
        // a new entity has no records yet; a known one keeps every target it is already kept in
        Future<Map<SyncTarget, SyncState>> existing =
                stored.isEmpty() ? Future.succeededFuture(Map.of()) : tx.records(fact.ref());
        Future<?> read = Future.all(saved, awaited, existing);
        return read.compose(x -> {
                    // every target it is routed to, waited for at, or already kept in; locked in one order
                    Set<SyncTarget> targets = new TreeSet<>(Comparator.comparing(SyncTarget::wire));
                    targets.addAll(routing.of(fact.ref().type()));
                    targets.addAll(awaited.result());
                    targets.addAll(existing.result().keySet());
                    return enqueueAll(
                            tx, fact.ref(), new ArrayList<>(targets), unchanged, outcome == Outcome.CREATED, now);
                })
                .map(statuses -> new Result.Recorded(fact.ref(), outcome, statuses));
    }

    /**
     * Locks every target's record (the statements sent in the targets' order, so the locks are taken in it), then
     * offers each the change, noting where each now stands; an unchanged entity only gains targets it lacks.
     */
    private Future<Map<SyncTarget, SyncStatus>> enqueueAll(
            IntakeTransaction tx,
            EntityRef ref,
            List<SyncTarget> targets,
            boolean unchanged,
            boolean created,
            Instant now) {
        List<Future<Optional<SyncState>>> locks = new ArrayList<>(targets.size());
        targets.forEach(target -> locks.add(tx.lockRecord(ref.at(target))));
        Future<?> locked = Future.all(locks);
        return locked.compose(x -> {
            List<Future<SyncStatus>> offered = new ArrayList<>(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                offered.add(enqueue(tx, ref.at(targets.get(i)), locks.get(i).result(), unchanged, created, now));
            }
            Future<?> all = Future.all(offered);
            return all.map(y -> {
                Map<SyncTarget, SyncStatus> statuses = new EnumMap<>(SyncTarget.class);
                for (int i = 0; i < targets.size(); i++) {
                    statuses.put(targets.get(i), offered.get(i).result());
                }
                return statuses;
            });
        });
    }

    /** Where the record stands once the change was offered to it. */
    private Future<SyncStatus> enqueue(
            IntakeTransaction tx,
            SyncKey key,
            Optional<SyncState> state,
            boolean unchanged,
            boolean created,
            Instant now) {
        if (state.isEmpty()) {
            SyncState pending = SyncState.pending(now);
            return tx.storeRecord(key, state, pending, created ? "registered" : "target_added", now)
                    .map(pending.status());
        }
        if (unchanged) {
            return Future.succeededFuture(state.get().status());
        }
        Transition transition = machine.apply(state.get(), new SyncEvent.EntityChanged(), now);
        if (transition instanceof Transition.Rejected rejected) {
            return tx.note(key, state.get(), "changed", "not queued: " + rejected.reason(), now)
                    .map(state.get().status());
        }
        SyncState next = ((Transition.Moved) transition).next();
        if (next.equals(state.get())) {
            return tx.note(key, next, "changed", "coalesced into the queued run, which reads the newest data", now)
                    .map(next.status());
        }
        return tx.storeRecord(key, state, next, "changed", now).map(next.status());
    }

    private static Future<Map<SyncTarget, SyncStatus>> statuses(IntakeTransaction tx, EntityRef ref) {
        return tx.records(ref).map(records -> {
            Map<SyncTarget, SyncStatus> statuses = new EnumMap<>(SyncTarget.class);
            records.forEach((target, state) -> statuses.put(target, state.status()));
            return statuses;
        });
    }
}
