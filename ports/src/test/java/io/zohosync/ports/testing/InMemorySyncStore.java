package io.zohosync.ports.testing;

import io.vertx.core.Future;
import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.EntityType;
import io.zohosync.domain.entity.SyncKey;
import io.zohosync.domain.entity.SyncTarget;
import io.zohosync.domain.sync.DeferCause;
import io.zohosync.domain.sync.Lease;
import io.zohosync.domain.sync.SyncState;
import io.zohosync.domain.sync.SyncStatus;
import io.zohosync.domain.sync.Transition;
import io.zohosync.ports.in.SyncLogEntry;
import io.zohosync.ports.in.SyncLogQuery;
import io.zohosync.ports.in.SyncRecordQuery;
import io.zohosync.ports.in.SyncRecordView;
import io.zohosync.ports.out.ClaimedJob;
import io.zohosync.ports.out.EntityStore;
import io.zohosync.ports.out.Intake;
import io.zohosync.ports.out.IntakeTransaction;
import io.zohosync.ports.out.JobKind;
import io.zohosync.ports.out.PlatformMessage;
import io.zohosync.ports.out.StoredEntity;
import io.zohosync.ports.out.SyncJobs;
import io.zohosync.ports.out.SyncRecords;
import io.zohosync.ports.out.SyncRecordsReader;
import io.zohosync.ports.out.ZohoState;
import io.zohosync.ports.out.ZohoStates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * In-memory adapter for the sync storage ports — {@link Intake}, {@link EntityStore}, {@link SyncJobs},
 * {@link SyncRecords}, {@link SyncRecordsReader} — with the Postgres adapter's semantics (the job as the
 * projection of the record's state, leases fenced by a sequence), for use-case tests and the contract suite.
 * A transaction that fails is rolled back by restoring a copy of everything.
 */
public final class InMemorySyncStore
        implements Intake, EntityStore, SyncJobs, SyncRecords, SyncRecordsReader, ZohoStates {

    /** One log row, for assertions; {@code repeats}: how many times it was logged in a row (a repeated deferral). */
    public record LogRow(SyncKey key, SyncStatus from, SyncStatus to, String event, String message, int repeats) {

        LogRow(SyncKey key, SyncStatus from, SyncStatus to, String event, String message) {
            this(key, from, to, event, message, 1);
        }
    }

    private static final class Job {
        final long id;
        int leaseSeq;
        String lockedBy;
        Instant lockedUntil;
        Instant runAt;

        Job(long id) {
            this.id = id;
        }

        Job copy() {
            Job j = new Job(id);
            j.leaseSeq = leaseSeq;
            j.lockedBy = lockedBy;
            j.lockedUntil = lockedUntil;
            j.runAt = runAt;
            return j;
        }
    }

    private record Record(SyncState state, boolean intent, Instant updatedAt) {}

    /** A log row as stored: its id (ascending as rows are added), first and latest time and the Zoho id then. */
    private record Logged(long id, Instant at, Instant lastAt, String zohoId, LogRow row) {}

    private Map<EntityRef, StoredEntity> entities = new HashMap<>();
    private Map<String, String> events = new HashMap<>();
    private Map<SyncKey, Record> records = new LinkedHashMap<>();
    private Map<SyncKey, Job> jobs = new LinkedHashMap<>();
    private Map<SyncKey, Set<SyncKey>> waits = new HashMap<>();
    private List<Logged> log = new ArrayList<>();
    private List<PlatformMessage> published = new ArrayList<>();
    private Map<SyncKey, ZohoState> zohoStates = new HashMap<>();
    private long nextJobId = 1;
    private long nextLogId = 1;

    public synchronized List<LogRow> log() {
        return log.stream().map(Logged::row).toList();
    }

    // ---- ZohoStates

    @Override
    public synchronized Future<Boolean> mirror(SyncKey key, ZohoState state) {
        return Future.succeededFuture(keepState(key, state));
    }

    @Override
    public synchronized Future<Map<SyncTarget, ZohoState>> statesOf(EntityRef ref) {
        Map<SyncTarget, ZohoState> found = new EnumMap<>(SyncTarget.class);
        zohoStates.forEach((key, state) -> {
            if (key.entity().equals(ref)) {
                found.put(key.target(), state);
            }
        });
        return Future.succeededFuture(found);
    }

    private boolean keepState(SyncKey key, ZohoState state) {
        ZohoState kept = zohoStates.get(key);
        if (kept != null && kept.zohoTime().isAfter(state.zohoTime())) {
            return false;
        }
        zohoStates.put(key, state);
        return true;
    }

    /** The messages committed intake transactions published to the platform's outbox, in order. */
    public synchronized List<PlatformMessage> published() {
        return List.copyOf(published);
    }

    public synchronized int jobCount() {
        return jobs.size();
    }

    // ---- Intake

    @Override
    public synchronized <T> Future<T> inTransaction(Function<IntakeTransaction, Future<T>> work) {
        var saved = snapshot();
        Future<T> result;
        try {
            result = work.apply(new Tx());
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.onFailure(e -> restore(saved));
    }

    private final class Tx implements IntakeTransaction {
        @Override
        public Future<Optional<String>> claimEvent(
                String provider, String eventId, String payloadHash, EntityRef entity, Instant now) {
            String earlier = events.putIfAbsent(provider + "\n" + eventId, payloadHash);
            return Future.succeededFuture(Optional.ofNullable(earlier));
        }

        @Override
        public Future<Optional<StoredEntity>> lockEntity(EntityRef ref) {
            return Future.succeededFuture(Optional.ofNullable(entities.get(ref)));
        }

        @Override
        public Future<Void> saveEntity(StoredEntity entity, Instant now) {
            entities.put(entity.ref(), entity);
            return Future.succeededFuture();
        }

        @Override
        public Future<Optional<SyncState>> lockRecord(SyncKey key) {
            return Future.succeededFuture(state(key));
        }

        @Override
        public Future<Void> storeRecord(
                SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now) {
            store(key, before, next, event, now);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> note(SyncKey key, SyncState state, String event, String message, Instant now) {
            log.add(new Logged(
                    nextLogId++,
                    now,
                    null,
                    state.zohoId(),
                    new LogRow(key, state.status(), state.status(), event, message)));
            return Future.succeededFuture();
        }

        @Override
        public Future<Set<SyncTarget>> awaitedAt(EntityRef ref) {
            Set<SyncTarget> targets = EnumSet.noneOf(SyncTarget.class);
            waits.values()
                    .forEach(needs ->
                            needs.stream().filter(k -> k.entity().equals(ref)).forEach(k -> targets.add(k.target())));
            return Future.succeededFuture(targets);
        }

        @Override
        public Future<Boolean> mirror(SyncKey key, ZohoState state) {
            return Future.succeededFuture(keepState(key, state));
        }

        @Override
        public Future<Optional<EntityRef>> linkedEntity(
                io.zohosync.domain.entity.EntityType type, SyncTarget target, String zohoId) {
            return Future.succeededFuture(records.entrySet().stream()
                    .filter(e -> e.getKey().type() == type
                            && e.getKey().target() == target
                            && zohoId.equals(e.getValue().state().zohoId()))
                    .map(e -> e.getKey().entity())
                    .sorted(java.util.Comparator.comparing(EntityRef::id))
                    .findFirst());
        }

        @Override
        public Future<Void> publish(PlatformMessage message) {
            published.add(message);
            return Future.succeededFuture();
        }

        @Override
        public Future<Map<SyncTarget, SyncState>> records(EntityRef ref) {
            Map<SyncTarget, SyncState> found = new EnumMap<>(SyncTarget.class);
            records.keySet().stream()
                    .filter(k -> k.entity().equals(ref))
                    .forEach(k -> found.put(k.target(), state(k).orElseThrow()));
            return Future.succeededFuture(found);
        }
    }

    // ---- EntityStore

    @Override
    public synchronized Future<Optional<StoredEntity>> find(EntityRef ref) {
        return Future.succeededFuture(Optional.ofNullable(entities.get(ref)));
    }

    @Override
    public synchronized Future<java.util.Map<String, String>> linkedByEmail(
            io.zohosync.domain.entity.EntityType type,
            io.zohosync.domain.entity.SyncTarget target,
            java.util.Collection<String> emails) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        emails.forEach(e -> wanted.add(e.trim().toLowerCase(java.util.Locale.ROOT)));
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        entities.values().stream()
                .filter(e -> e.ref().type() == type && e.payload().get("email") instanceof String)
                .forEach(e -> {
                    String email = ((String) e.payload().get("email")).trim().toLowerCase(java.util.Locale.ROOT);
                    Record record = records.get(e.ref().at(target));
                    if (wanted.contains(email)
                            && record != null
                            && record.state().zohoId() != null) {
                        ids.putIfAbsent(email, record.state().zohoId());
                    }
                });
        return Future.succeededFuture(ids);
    }

    // ---- SyncJobs

    @Override
    public synchronized Future<List<ClaimedJob>> claimDue(
            String workerId, int max, Duration lease, Instant now, Function<SyncState, Transition> decide) {
        return claim(key -> true, workerId, max, lease, now, decide);
    }

    @Override
    public synchronized Future<List<ClaimedJob>> claimDueExcept(
            String workerId,
            java.util.Set<JobKind> batched,
            int max,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide) {
        return claim(
                key -> !batched.contains(new JobKind(key.type(), key.target())), workerId, max, lease, now, decide);
    }

    @Override
    public synchronized Future<List<ClaimedJob>> claimBatch(
            String workerId,
            JobKind kind,
            int max,
            Duration flush,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide) {
        List<Job> due = jobs.entrySet().stream()
                .filter(e -> e.getKey().type() == kind.type() && e.getKey().target() == kind.target())
                .filter(e ->
                        e.getValue().lockedBy == null && !e.getValue().runAt.isAfter(now))
                .map(Map.Entry::getValue)
                .limit(max)
                .toList();
        boolean ready = due.size() >= max || due.stream().anyMatch(job -> !job.runAt.isAfter(now.minus(flush)));
        if (!ready) {
            return Future.succeededFuture(List.of());
        }
        return claim(
                key -> key.type() == kind.type() && key.target() == kind.target(), workerId, max, lease, now, decide);
    }

    private Future<List<ClaimedJob>> claim(
            java.util.function.Predicate<SyncKey> taken,
            String workerId,
            int max,
            Duration lease,
            Instant now,
            Function<SyncState, Transition> decide) {
        List<SyncKey> due = jobs.entrySet().stream()
                .filter(e -> taken.test(e.getKey()))
                .filter(e ->
                        e.getValue().lockedBy == null && !e.getValue().runAt.isAfter(now))
                .sorted(Comparator.<Map.Entry<SyncKey, Job>>comparingInt(
                                e -> e.getKey().type().priority())
                        .thenComparing(e -> e.getValue().runAt)
                        .thenComparingLong(e -> e.getValue().id))
                .limit(max)
                .map(Map.Entry::getKey)
                .toList();
        List<ClaimedJob> claimed = new ArrayList<>();
        for (SyncKey key : due) {
            Job job = jobs.get(key);
            Record record = records.get(key);
            SyncState state = state(key).orElseThrow();
            Transition transition = decide.apply(state);
            if (transition instanceof Transition.Moved moved && moved.next().status() == SyncStatus.SYNCING) {
                job.lockedBy = workerId;
                job.lockedUntil = now.plus(lease);
                job.leaseSeq++;
                records.put(key, new Record(moved.next(), record.intent(), now));
                claimed.add(new ClaimedJob(job.id, job.leaseSeq, key, moved.next(), record.intent(), Optional.empty()));
            } else if (state.status() == SyncStatus.SYNCING) {
                job.lockedBy = "orphan";
                job.lockedUntil = now;
            } else if (state.isQueued()) {
                job.runAt = state.nextRunAt();
            } else {
                jobs.remove(key);
            }
        }
        return Future.succeededFuture(claimed);
    }

    @Override
    public synchronized Future<Boolean> markIntent(ClaimedJob job, Instant now) {
        if (!holds(job)) {
            return Future.succeededFuture(false);
        }
        Record r = records.get(job.key());
        records.put(job.key(), new Record(r.state(), true, r.updatedAt()));
        return Future.succeededFuture(true);
    }

    @Override
    public synchronized Future<Optional<SyncState>> complete(
            ClaimedJob job,
            String event,
            List<SyncKey> waitingFor,
            Instant now,
            Function<SyncState, Transition> decide) {
        if (!holds(job)) {
            return Future.succeededFuture(Optional.empty());
        }
        SyncState state = state(job.key()).orElseThrow();
        Transition transition = decide.apply(state);
        if (!(transition instanceof Transition.Moved moved)) {
            return Future.succeededFuture(Optional.empty());
        }
        store(job.key(), Optional.of(state), moved.next(), event, now);
        if (moved.next().status() == SyncStatus.WAITING && !waitingFor.isEmpty()) {
            waits.put(job.key(), new LinkedHashSet<>(waitingFor));
        }
        return Future.succeededFuture(Optional.of(moved.next()));
    }

    @Override
    public synchronized Future<Integer> renew(String workerId, List<Long> jobIds, Duration lease, Instant now) {
        int n = 0;
        for (Job job : jobs.values()) {
            if (jobIds.contains(job.id) && workerId.equals(job.lockedBy)) {
                job.lockedUntil = now.plus(lease);
                n++;
            }
        }
        return Future.succeededFuture(n);
    }

    @Override
    public synchronized Future<Integer> releaseExpired(Instant now, Function<SyncState, Transition> decide) {
        return Future.succeededFuture(
                release(j -> j.lockedBy != null && j.lockedUntil.isBefore(now), "lease_expired", now, decide));
    }

    @Override
    public synchronized Future<Integer> releaseAll(
            String workerId, Instant now, Function<SyncState, Transition> decide) {
        return Future.succeededFuture(release(j -> workerId.equals(j.lockedBy), "lease_released", now, decide));
    }

    private int release(
            java.util.function.Predicate<Job> which,
            String event,
            Instant now,
            Function<SyncState, Transition> decide) {
        int n = 0;
        for (SyncKey key : List.copyOf(jobs.keySet())) {
            Job job = jobs.get(key);
            if (!which.test(job)) {
                continue;
            }
            SyncState state = state(key).orElseThrow();
            if (decide.apply(state) instanceof Transition.Moved moved) {
                store(key, Optional.of(state), moved.next(), event, now);
                n++;
            } else {
                job.lockedBy = null;
                job.lockedUntil = null;
                job.leaseSeq++;
            }
        }
        return n;
    }

    // ---- SyncRecords

    @Override
    public synchronized Future<Optional<Changed>> change(
            SyncKey key, String event, Function<SyncState, Transition> decide, Instant now) {
        return Future.succeededFuture(changeOne(key, event, decide, now));
    }

    @Override
    public synchronized Future<List<Changed>> changeWaitingOn(
            SyncKey prerequisite, String event, Function<SyncState, Transition> decide, Instant now) {
        List<SyncKey> dependants = waits.entrySet().stream()
                .filter(e -> e.getValue().contains(prerequisite))
                .map(Map.Entry::getKey)
                .filter(k -> records.get(k).state().status() == SyncStatus.WAITING)
                .toList();
        return Future.succeededFuture(dependants.stream()
                .map(k -> changeOne(k, event, decide, now).orElseThrow())
                .toList());
    }

    @Override
    public synchronized Future<List<Changed>> changeDeferred(
            DeferCause cause, String event, Function<SyncState, Transition> decide, Instant now) {
        List<SyncKey> deferred = records.entrySet().stream()
                .filter(e -> e.getValue().state().status() == SyncStatus.PENDING
                        && e.getValue().state().deferredFor() == cause)
                .map(Map.Entry::getKey)
                .toList();
        return Future.succeededFuture(deferred.stream()
                .map(k -> changeOne(k, event, decide, now).orElseThrow())
                .toList());
    }

    private Optional<Changed> changeOne(
            SyncKey key, String event, Function<SyncState, Transition> decide, Instant now) {
        Optional<SyncState> state = state(key);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        Transition transition = decide.apply(state.get());
        if (transition instanceof Transition.Moved moved) {
            store(key, state, moved.next(), event, now);
        }
        return Optional.of(new Changed(key, transition, view(key)));
    }

    @Override
    public synchronized Future<SyncState> ensureQueued(SyncKey key, String why, Instant now) {
        Optional<SyncState> found = state(key);
        if (found.isPresent()) {
            return Future.succeededFuture(found.get());
        }
        SyncState pending = new SyncState(SyncStatus.PENDING, 0, now, null, null, null, why);
        store(key, found, pending, "queued_as_prerequisite", now);
        return Future.succeededFuture(pending);
    }

    @Override
    public synchronized Future<Map<SyncKey, SyncState>> states(Collection<SyncKey> keys) {
        Map<SyncKey, SyncState> found = new HashMap<>();
        keys.forEach(k -> state(k).ifPresent(s -> found.put(k, s)));
        return Future.succeededFuture(found);
    }

    @Override
    public synchronized Future<Integer> linkedTo(SyncKey key, String zohoId) {
        return Future.succeededFuture((int) records.entrySet().stream()
                .filter(e -> e.getKey().type() == key.type()
                        && e.getKey().target() == key.target()
                        && zohoId.equals(e.getValue().state().zohoId()))
                .count());
    }

    // ---- SyncRecordsReader

    @Override
    public synchronized Future<Map<EntityType, Map<SyncStatus, Long>>> countsByEntityAndStatus() {
        Map<EntityType, Map<SyncStatus, Long>> counts = new TreeMap<>();
        records.forEach((k, r) -> counts.computeIfAbsent(k.type(), t -> new EnumMap<>(SyncStatus.class))
                .merge(r.state().status(), 1L, Long::sum));
        return Future.succeededFuture(counts);
    }

    @Override
    public synchronized Future<Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>>> countsByTarget() {
        Map<EntityType, Map<SyncTarget, Map<SyncStatus, Long>>> counts = new TreeMap<>();
        records.forEach((k, r) -> counts.computeIfAbsent(k.type(), t -> new TreeMap<>())
                .computeIfAbsent(k.target(), t -> new EnumMap<>(SyncStatus.class))
                .merge(r.state().status(), 1L, Long::sum));
        return Future.succeededFuture(counts);
    }

    @Override
    public synchronized Future<List<SyncRecordView>> recentlyChanged(int limit) {
        return Future.succeededFuture(records.entrySet().stream()
                .sorted(Comparator.<Map.Entry<SyncKey, Record>, Instant>comparing(
                                e -> e.getValue().updatedAt())
                        .reversed())
                .limit(limit)
                .map(e -> view(e.getKey()))
                .toList());
    }

    @Override
    public synchronized Future<Optional<SyncRecordView>> find(SyncKey key) {
        return Future.succeededFuture(records.containsKey(key) ? Optional.of(view(key)) : Optional.empty());
    }

    @Override
    public synchronized Future<List<SyncRecordView>> findAll(EntityRef entity) {
        return Future.succeededFuture(records.keySet().stream()
                .filter(k -> k.entity().equals(entity))
                .sorted(Comparator.comparing(k -> k.target().wire()))
                .map(this::view)
                .toList());
    }

    @Override
    public synchronized Future<List<SyncLogEntry>> log(SyncLogQuery query) {
        List<SyncLogEntry> found = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0 && found.size() < query.limit(); i--) {
            Logged logged = log.get(i);
            if (matches(query, logged)) {
                LogRow row = logged.row();
                found.add(new SyncLogEntry(
                        logged.id(),
                        row.key(),
                        logged.at(),
                        row.from(),
                        row.to(),
                        row.event(),
                        row.message(),
                        logged.zohoId(),
                        row.repeats(),
                        logged.lastAt()));
            }
        }
        return Future.succeededFuture(found);
    }

    /** Newest change first, then type, id and target descending, as {@link SyncRecordsReader#list} orders. */
    private static final Comparator<SyncRecordQuery.Position> NEWEST_FIRST = Comparator.comparing(
                    SyncRecordQuery.Position::updatedAt)
            .thenComparing(p -> p.key().type().wire())
            .thenComparing(p -> p.key().entityId())
            .thenComparing(p -> p.key().target().wire())
            .reversed();

    @Override
    public synchronized Future<List<SyncRecordView>> list(SyncRecordQuery query) {
        return Future.succeededFuture(records.entrySet().stream()
                .filter(e -> query.type() == null || e.getKey().type() == query.type())
                .filter(e -> query.target() == null || e.getKey().target() == query.target())
                .filter(e -> query.status() == null || e.getValue().state().status() == query.status())
                .map(e -> new SyncRecordQuery.Position(e.getValue().updatedAt(), e.getKey()))
                .filter(p -> query.after() == null || NEWEST_FIRST.compare(p, query.after()) > 0)
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .map(p -> view(p.key()))
                .toList());
    }

    private static boolean matches(SyncLogQuery q, Logged logged) {
        SyncKey key = logged.row().key();
        return (q.before() == null || logged.id() < q.before())
                && (q.type() == null || key.type() == q.type())
                && (q.entityId() == null || key.entityId().equals(q.entityId()))
                && (q.target() == null || key.target() == q.target())
                && (q.status() == null || logged.row().to() == q.status())
                && (q.event() == null || logged.row().event().equals(q.event()))
                && (q.since() == null || !logged.at().isBefore(q.since()))
                && (q.until() == null || logged.at().isBefore(q.until()))
                && (q.text() == null
                        || contains(key.entityId(), q.text())
                        || contains(logged.row().message(), q.text())
                        || contains(logged.zohoId(), q.text()));
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    // ---- storage of the state machine's answers

    private void store(SyncKey key, Optional<SyncState> before, SyncState next, String event, Instant now) {
        Record old = records.get(key);
        boolean intent = old != null && old.intent() && !next.isLinked();
        records.put(key, new Record(next, intent, now));
        switch (next.status()) {
            case PENDING, RETRYING, WAITING -> {
                Job job = jobs.computeIfAbsent(key, k -> new Job(nextJobId++));
                job.lockedBy = null;
                job.lockedUntil = null;
                job.leaseSeq++;
                job.runAt = next.nextRunAt();
            }
            case SYNCING -> {}
            case SYNCED, FAILED, SKIPPED, MANUAL -> jobs.remove(key);
        }
        if (next.status() != SyncStatus.WAITING) {
            waits.remove(key);
        }
        logRepeated(
                new LogRow(key, before.map(SyncState::status).orElse(null), next.status(), event, next.reason()),
                next.zohoId(),
                now);
    }

    /** As the Postgres adapter: a deferral the record's latest row already tells counts on that row. */
    private void logRepeated(LogRow row, String zohoId, Instant now) {
        for (int i = log.size() - 1; i >= 0; i--) {
            Logged logged = log.get(i);
            LogRow latest = logged.row();
            if (!latest.key().equals(row.key())) {
                continue;
            }
            if (row.event().startsWith("deferred_") && latest.event().equals(row.event()) && latest.to() == row.to()) {
                log.set(
                        i,
                        new Logged(
                                logged.id(),
                                logged.at(),
                                now,
                                zohoId,
                                new LogRow(
                                        latest.key(),
                                        latest.from(),
                                        latest.to(),
                                        latest.event(),
                                        row.message(),
                                        latest.repeats() + 1)));
                return;
            }
            break;
        }
        log.add(new Logged(nextLogId++, now, null, zohoId, row));
    }

    private Optional<SyncState> state(SyncKey key) {
        Record record = records.get(key);
        if (record == null) {
            return Optional.empty();
        }
        SyncState s = record.state();
        if (s.status() != SyncStatus.SYNCING) {
            return Optional.of(s);
        }
        Job job = jobs.get(key);
        Lease lease = job == null || job.lockedBy == null
                ? new Lease("nobody", record.updatedAt())
                : new Lease(job.lockedBy, job.lockedUntil);
        return Optional.of(s.withLease(lease));
    }

    private boolean holds(ClaimedJob claimed) {
        Job job = jobs.get(claimed.key());
        return job != null
                && job.id == claimed.jobId()
                && claimed.workerId().equals(job.lockedBy)
                && job.leaseSeq == claimed.leaseSeq();
    }

    private SyncRecordView view(SyncKey key) {
        Record r = records.get(key);
        SyncState s = r.state();
        return new SyncRecordView(
                key,
                s.status(),
                s.zohoId(),
                s.attempts(),
                s.lastError(),
                s.reason(),
                s.isQueued() ? s.nextRunAt() : null,
                r.updatedAt());
    }

    private record Snapshot(
            Map<EntityRef, StoredEntity> entities,
            Map<String, String> events,
            Map<SyncKey, Record> records,
            Map<SyncKey, Job> jobs,
            Map<SyncKey, Set<SyncKey>> waits,
            List<Logged> log,
            List<PlatformMessage> published,
            Map<SyncKey, ZohoState> zohoStates,
            long nextJobId,
            long nextLogId) {}

    private Snapshot snapshot() {
        Map<SyncKey, Job> jobCopies = new LinkedHashMap<>();
        jobs.forEach((k, j) -> jobCopies.put(k, j.copy()));
        Map<SyncKey, Set<SyncKey>> waitCopies = new HashMap<>();
        waits.forEach((k, w) -> waitCopies.put(k, new LinkedHashSet<>(w)));
        return new Snapshot(
                new HashMap<>(entities),
                new HashMap<>(events),
                new LinkedHashMap<>(records),
                jobCopies,
                waitCopies,
                new ArrayList<>(log),
                new ArrayList<>(published),
                new HashMap<>(zohoStates),
                nextJobId,
                nextLogId);
    }

    private synchronized void restore(Snapshot s) {
        entities = s.entities();
        events = s.events();
        records = s.records();
        jobs = s.jobs();
        waits = s.waits();
        log = s.log();
        published = s.published();
        zohoStates = s.zohoStates();
        nextJobId = s.nextJobId();
        nextLogId = s.nextLogId();
    }
}
