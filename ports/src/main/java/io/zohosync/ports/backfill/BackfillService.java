package io.zohosync.ports.backfill;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.ports.intake.Routing;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.SyncBacklog;
import io.zohosync.ports.out.SyncBacklog.Candidate;
import io.zohosync.ports.sync.SyncRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: a backfill (issue 12) — everything the platform sent that is not in Zoho yet, per entity type and every
 * target it is routed to: the entities with no record there get one, pending, through the intake's own port and under
 * the event {@code backfill}, prerequisites' types first; those already queued are only counted in. Idempotent: a
 * second run finds the records the first made and creates none.
 */
public final class BackfillService {

    /** How many records one transaction creates. */
    static final int CHUNK = 200;

    /** The entity types to bring in (empty: every routed type) and the first moment received (null: any). */
    public record Selection(Set<EntityType> types, Instant since) {
        public Selection {
            types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        }
    }

    /**
     * One entity type at one target: the records the backfill brings to Zoho with the Zoho calls each one's job plans
     * (in the order received), and those it has to create ({@code missing}).
     */
    public record Line(EntityType type, SyncTarget target, Map<SyncKey, Integer> planned, List<SyncKey> missing) {
        public Line {
            planned = Collections.unmodifiableMap(new LinkedHashMap<>(planned));
            missing = List.copyOf(missing);
        }

        public List<SyncKey> keys() {
            return List.copyOf(planned.keySet());
        }

        public long calls() {
            return planned.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** The lines in the order they are enqueued: an entity type after every type it depends on. */
    public record Plan(List<Line> lines) {
        public Plan {
            lines = List.copyOf(lines);
        }

        public List<SyncKey> keys() {
            return lines.stream().flatMap(l -> l.keys().stream()).toList();
        }

        /** The Zoho calls each record's job plans. */
        public Map<SyncKey, Integer> planned() {
            Map<SyncKey, Integer> planned = new LinkedHashMap<>();
            lines.forEach(l -> planned.putAll(l.planned()));
            return planned;
        }

        public long calls() {
            return lines.stream().mapToLong(Line::calls).sum();
        }
    }

    private final SyncBacklog backlog;
    private final Intake intake;
    private final Routing routing;
    private final SyncRunner runner;
    private final Clock clock;

    public BackfillService(SyncBacklog backlog, Intake intake, Routing routing, SyncRunner runner, Clock clock) {
        this.backlog = backlog;
        this.intake = intake;
        this.routing = routing;
        this.runner = runner;
        this.clock = clock;
    }

    /** Entity types in the order a backfill takes them: prerequisites first, then by name. */
    public static List<EntityType> dependencyOrder(Set<EntityType> types) {
        return types.stream()
                .sorted(Comparator.comparingInt(BackfillService::depth).thenComparing(EntityType::ordinal))
                .toList();
    }

    /** The longest chain of prerequisites below a type: a type always sorts after each of its prerequisites. */
    static int depth(EntityType type) {
        return type.prerequisites().stream().mapToInt(p -> depth(p) + 1).max().orElse(0);
    }

    /** What a backfill of {@code selection} would write; reads only. */
    public Future<Plan> plan(Selection selection) {
        Set<EntityType> types = selection.types().isEmpty() ? routing.types() : selection.types();
        Future<List<Line>> lines = Future.succeededFuture(new ArrayList<>());
        for (EntityType type : dependencyOrder(types)) {
            for (SyncTarget target : routing.of(type)) {
                lines = lines.compose(read -> backlog.candidates(type, target, selection.since())
                        .map(found -> {
                            read.add(line(type, target, found));
                            return read;
                        }));
            }
        }
        return lines.map(Plan::new);
    }

    private Line line(EntityType type, SyncTarget target, List<Candidate> found) {
        Map<SyncKey, Integer> planned = new LinkedHashMap<>();
        List<SyncKey> missing = new ArrayList<>();
        for (Candidate candidate : found) {
            SyncKey key = candidate.entity().ref().at(target);
            planned.put(key, runner.plannedCreateCalls(key, candidate.entity()));
            if (candidate.status() == null) {
                missing.add(key);
            }
        }
        return new Line(type, target, planned, missing);
    }

    /** Creates the plan's missing records, pending, line after line; how many it created (none when another run did). */
    public Future<Integer> enqueue(Plan plan) {
        List<SyncKey> missing =
                plan.lines().stream().flatMap(l -> l.missing().stream()).toList();
        return enqueue(missing, 0, 0);
    }

    private Future<Integer> enqueue(List<SyncKey> keys, int from, int created) {
        if (from >= keys.size()) {
            return Future.succeededFuture(created);
        }
        List<SyncKey> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
        Instant now = clock.instant();
        return intake.inTransaction(tx -> create(tx, chunk, 0, 0, now))
                .compose(made -> enqueue(keys, from + chunk.size(), created + made));
    }

    private static Future<Integer> create(IntakeTransaction tx, List<SyncKey> keys, int next, int made, Instant now) {
        if (next == keys.size()) {
            return Future.succeededFuture(made);
        }
        SyncKey key = keys.get(next);
        return tx.lockRecord(key)
                .compose(state -> store(tx, key, state, now))
                .compose(stored -> create(tx, keys, next + 1, made + (stored ? 1 : 0), now));
    }

    /** A record for a key that has none (a target added to the routing after the entity came); one that has is left. */
    private static Future<Boolean> store(IntakeTransaction tx, SyncKey key, Optional<SyncState> state, Instant now) {
        if (state.isPresent()) {
            return Future.succeededFuture(false);
        }
        return tx.storeRecord(key, state, SyncState.pending(now), "backfill", now)
                .map(true);
    }
}
