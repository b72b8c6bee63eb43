package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.adapters.postgres.coalesce.Coalescer;
import io.zohosync.adapters.postgres.tx.Transactions;
import io.zohosync.domain.budget.Budget;
import io.zohosync.domain.budget.BudgetDecision;
import io.zohosync.domain.budget.BudgetUsage;
import io.zohosync.domain.budget.Limit;
import io.zohosync.domain.budget.WindowUsage;
import io.zohosync.ports.out.zoho.BudgetAccount;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoDayCount;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres adapter for {@link ZohoBudget}: every instance counts the same permits, one row per call, per
 * {@link BudgetAccount}; the domain's {@link Budget} decides from the counts. A permit is taken in one short
 * transaction that holds an advisory lock for its account, so two instances can never both take the last
 * slot. Zoho's own count of the day (a row per account in {@code zoho_api_day_counts}) is read under the same lock, so
 * no instance takes more than it leaves. Time comes from the caller, so tests and Zoho's sandbox can share a clock.
 *
 * <p>This instance is the holder {@code holderId}: its row in {@code zoho_api_holders} stays alive for
 * {@code aliveFor} after each heartbeat or permit; slots held by a holder whose row has run out count no more.
 *
 * <p>Reservations are leased (issue 14): a transaction that decides reservations also takes slots ahead, as many as
 * were asked for since the last one (at most {@link #LEASE_SLOTS}, and a tenth of the room the windows leave), and a
 * job that ends leaves its concurrency unit and unused slots in this instance's {@link BudgetLease}. For
 * {@link #LEASE_LIFE} after that transaction the next reservations are taken from the lease in memory; then what is
 * idle goes back at the next reservation, headroom or heartbeat. The database counts everything a lease holds, so no
 * instance ever takes what another holds; what another instance learned meanwhile (a block) reaches this one's
 * reservations within the lease's life.
 */
final class PgZohoBudget implements ZohoBudget {

    private static final Logger LOG = LoggerFactory.getLogger(PgZohoBudget.class);

    private static final String LOCK =
            "select pg_advisory_xact_lock(hashtextextended('zoho-budget/' || $1 || '/' || $2, 0))";
    /**
     * This holder alive until $2; answers whether another instance pruned its rows while it was taken for dead
     * (null: it had no row, the first time or once forgotten), and clears that.
     */
    private static final String ALIVE = """
            with previous as (select pruned from zoho_api_holders where holder_id = $1)
            insert into zoho_api_holders (holder_id, alive_until) values ($1, $2)
            on conflict (holder_id)
            do update set alive_until = greatest(zoho_api_holders.alive_until, excluded.alive_until), pruned = false
            returning (select pruned from previous) as pruned""";
    /**
     * Calls older than the day, and slots reserved by a holder that died before using them; such a holder is told,
     * should it come back ({@code pruned}).
     */
    private static final String PRUNE = """
            with gone as (
                delete from zoho_api_permits p where organization_id = $1 and meter = $2
                   and (taken_at <= $3
                        or (taken_at is null and not exists (select 1 from zoho_api_holders h
                                                              where h.holder_id = p.holder_id and h.alive_until > $4)))
                returning holder_id, taken_at)
            update zoho_api_holders set pruned = true
             where holder_id in (select holder_id from gone where taken_at is null)""";
    /**
     * Per window the newest calls, at most $4 and $6 of them ({@code Budget.counted}); a reserved slot not yet
     * drawn counts as a call made now ($7); the slots held by live holders; Zoho's count of the day while it has not
     * reset, and the calls counted since it was told (a slot not yet drawn among them whatever the caller's now: its
     * call is still to come).
     */
    private static final String USAGE = """
            with alive as (select holder_id from zoho_api_holders where alive_until > $7),
                 counted as (select coalesce(taken_at, $7) as t, taken_at is null as reserved from zoho_api_permits
                              where organization_id = $1 and meter = $2 and counts
                                and (taken_at > $5 or (taken_at is null and holder_id in (select holder_id from alive)))),
                 minute as (select t from counted where t > $3 order by t desc limit $4),
                 day as (select t from counted order by t desc limit $6),
                 zoho as (select remaining, called_at, reset_at from zoho_api_day_counts
                           where organization_id = $1 and meter = $2 and reset_at > $7)
            select (select count(*) from minute) as minute_calls, (select min(t) from minute) as minute_oldest,
                   (select count(*) from day) as day_calls, (select min(t) from day) as day_oldest,
                   (select count(*) from zoho_api_permits
                     where organization_id = $1 and meter = $2 and holding
                       and holder_id in (select holder_id from alive)) as in_flight,
                   zoho.remaining as zoho_remaining, zoho.called_at as zoho_called_at, zoho.reset_at as zoho_reset_at,
                   (select count(*) from counted where reserved or t >= zoho.called_at) as zoho_since
              from (select 1) as one left join zoho on true""";

    private static final String RECENT = """
            select taken_at from zoho_api_permits where organization_id = $1 and meter = $2 and taken_at > $3
             order by taken_at desc limit $4""";
    private static final String BLOCKS =
            "select scope, blocked_until from zoho_api_blocks where organization_id = $1 and meter = $2";
    /** $7: whether the row is a call (or a slot for one), counted against the windows; else a concurrency unit. */
    private static final String TAKE = """
            insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id, holding, counts)
            values ($1, $2, $3, $4, $5, $6, $7)""";
    /** A settlement's rows (slots and units, not yet taken by a call) in one statement: $1 ids, $5 holding, $6 counts. */
    private static final String TAKE_ALL = """
            insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id, holding, counts)
            select u.id, $2, $3, null, $4, u.holding, u.counts
            from unnest($1::uuid[], $5::bool[], $6::bool[]) as u(id, holding, counts)""";
    /**
     * Drawn slots ($1–$4 arrays: slot, organization, meter, time; $5 this holder) count from their calls; should a
     * slot's row be gone (its holder was taken for dead), it is counted anew.
     */
    private static final String DRAW = """
            insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id, holding)
            select u.id, u.org, u.meter, u.at, $5, false
            from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) as u(id, org, meter, at)
            on conflict (permit_id) do update set taken_at = excluded.taken_at""";

    private static final String RELEASE =
            "update zoho_api_permits set holding = false where permit_id = any($1::uuid[]) and holding";
    private static final String GIVE_BACK = "delete from zoho_api_permits where permit_id = any($1::uuid[])";
    private static final String BLOCK = """
            insert into zoho_api_blocks (organization_id, meter, scope, blocked_until) values ($1, $2, $3, $4)
            on conflict (organization_id, meter, scope)
            do update set blocked_until = greatest(zoho_api_blocks.blocked_until, excluded.blocked_until)""";
    /** A newer report replaces the stored one, an older one changes nothing ({@code ZohoDayCount.supersedes}). */
    private static final String ZOHO_COUNT = """
            insert into zoho_api_day_counts (organization_id, meter, remaining, called_at, reset_at)
            values ($1, $2, $3, $4, $5)
            on conflict (organization_id, meter) do update
               set remaining = excluded.remaining, called_at = excluded.called_at, reset_at = excluded.reset_at
             where excluded.called_at > zoho_api_day_counts.called_at
                or (excluded.called_at = zoho_api_day_counts.called_at
                    and excluded.remaining < zoho_api_day_counts.remaining)""";
    /** Holders dead for a day hold nothing that still counts. */
    private static final String FORGET_DEAD = "delete from zoho_api_holders where alive_until < $1";

    private final Pool pool;
    private final String holderId;
    private final Duration aliveFor;
    /** Releases and give-backs that failed, retried on the next heartbeat (guarded by this). */
    private final Set<UUID> unreleased = new LinkedHashSet<>();

    private final Set<UUID> notGivenBack = new LinkedHashSet<>();

    /** How many reservations one transaction decides at most. */
    static final int MAX_GROUP = 64;
    /** How many slots a lease takes ahead at most, beyond the reservations it was settled for. */
    static final int LEASE_SLOTS = 64;
    /** A lease takes ahead no more than one part in this many of the room the windows leave. */
    static final int LEASE_SHARE = 10;
    /**
     * How long a lease hands out what it holds before it is settled with the database again: what another instance
     * learned meanwhile (Zoho's block, say) reaches this one's reservations within it.
     */
    static final Duration LEASE_LIFE = Duration.ofSeconds(1);
    /** Per account, what this instance holds of the budget beyond its running jobs (guarded by this). */
    private final Map<LeaseKey, BudgetLease> leases = new HashMap<>();
    /**
     * How many times leases were stopped (guarded by this): a settlement renews its lease only if none was stopped
     * while it counted, as its counts may predate what stopped them.
     */
    private int stops;
    /** Whether this holder's row was ever written: once it was, finding none means it was forgotten as dead. */
    private boolean known;
    /** The holding of each running reservation, by its first slot (guarded by this). */
    private final Map<String, BudgetLease.Grant> grants = new HashMap<>();
    /** Per account, the storing of Zoho's reports of its count (guarded by this). */
    private final Map<BudgetAccount, DayCountWriter> dayCounts = new HashMap<>();
    /** Per account, the reservations waiting for the group being decided to end (guarded by this). */
    private final Map<BudgetAccount, Deque<Asked>> asking = new HashMap<>();
    /** The accounts with a group being decided (guarded by this). */
    private final Set<BudgetAccount> deciding = new HashSet<>();

    /** The slots the jobs a worker runs side by side draw, in one statement ({@link Coalescer}). */
    private final Coalescer<Drawn, Void> draws;

    PgZohoBudget(Pool pool, String holderId, Duration aliveFor) {
        this.pool = pool;
        this.holderId = holderId;
        this.aliveFor = aliveFor;
        this.draws = new Coalescer<>("budget draws", this::drawAll);
    }

    private record Drawn(UUID slot, BudgetAccount account, Instant at) {}

    @Override
    public Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        BudgetLease.Grant borrowed;
        synchronized (this) {
            BudgetLease lease = leases.get(new LeaseKey(BudgetAccount.of(organizationId, product), limits));
            borrowed = lease == null ? null : lease.borrow(now).orElse(null);
        }
        if (borrowed == null) {
            return oneCall(organizationId, product, limits, now, false);
        }
        // under a unit this instance's lease keeps idle: counted against the windows only, as a job's unplanned call
        return oneCall(organizationId, product, limits, now, true).andThen(ar -> {
            if (ar.succeeded() && ar.result() instanceof BudgetPermit.Granted granted) {
                synchronized (this) {
                    grants.put(granted.permitId(), borrowed);
                }
            } else {
                ended(borrowed);
            }
        });
    }

    /** A borrowed unit's call has ended (or never started): the unit is idle in its lease again, or given back. */
    private Future<Void> ended(BudgetLease.Grant grant) {
        synchronized (this) {
            if (grant.lease().ended(grant.unit(), List.of())) {
                return Future.succeededFuture();
            }
        }
        return giveBack(List.of(grant.unit()));
    }

    /** A call of its own under the reservation's slot: a row counted from {@code now}, holding no slot. */
    @Override
    public Future<BudgetPermit> extend(BudgetPermit.Reserved reservation, ZohoApiLimits limits, Instant now) {
        return oneCall(reservation.organizationId(), reservation.product(), limits, now, true);
    }

    /**
     * One call's row, counted from {@code now}: holding a concurrency slot of its own, or none when it runs
     * {@code inHeldSlot} (a reservation's).
     */
    private Future<BudgetPermit> oneCall(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, boolean inHeldSlot) {
        UUID id = UUID.randomUUID();
        return decide(
                organizationId,
                product,
                limits,
                now,
                1,
                inHeldSlot,
                List.of(id),
                (conn, meter, held) -> conn.preparedQuery(TAKE)
                        .execute(Tuple.of(id, organizationId, meter, utc(now), holderId, !held, true))
                        .map(x -> new BudgetPermit.Granted(id.toString(), organizationId, product)));
    }

    /**
     * Reservations are decided in groups per account (issue 14): while one group's transaction runs, the reservations
     * asked for meanwhile wait, and then share one lock, one count and one insert. Each is decided in turn by the
     * domain on the count with the ones before it added ({@code BudgetUsage.withReserved}), which grants exactly what
     * one transaction each would grant; from the first that does not fit on, each is decided alone, so that a refusal
     * names the moment it would name alone.
     */
    @Override
    public Future<BudgetPermit> reserve(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, int calls) {
        // a bad request fails alone, here, and never reaches (and stops) its account's queue
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(now, "now");
        Asked asked = new Asked(
                organizationId,
                product,
                limits,
                now,
                Budget.reservable(limits.budgetLimits(), calls),
                Promise.promise(),
                Vertx.currentContext());
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        boolean first;
        synchronized (this) {
            BudgetLease lease = leases.get(new LeaseKey(account, limits));
            if (lease != null) {
                Optional<BudgetLease.Taken> taken = lease.take(organizationId, product, asked.slots(), now);
                if (taken.isPresent()) {
                    BudgetPermit.Reserved reserved = taken.get().reservation();
                    grants.put(reserved.slotIds().get(0), taken.get().grant());
                    return Future.succeededFuture(reserved);
                }
            }
            asking.computeIfAbsent(account, a -> new ArrayDeque<>()).add(asked);
            first = deciding.add(account);
        }
        if (first) {
            decideNext(account);
        }
        return asked.answer().future();
    }

    /**
     * A reservation waiting for its account's next group; answered on the context it was asked on (its group's
     * transaction may have been started from another's).
     */
    private record Asked(
            String organizationId,
            ZohoProduct product,
            ZohoApiLimits limits,
            Instant now,
            int slots,
            Promise<BudgetPermit> answer,
            Context context) {

        /** Answers; a listener of the answer that throws is reported and stops nothing else (the rest of its group). */
        void complete(AsyncResult<BudgetPermit> result) {
            answerOn(context, answer, result);
        }
    }

    /**
     * Completes {@code answer} with {@code result} on {@code context}, the asker's (null: on this thread); a listener
     * of the answer that throws is reported and stops nothing else.
     */
    private static <T> void answerOn(Context context, Promise<T> answer, AsyncResult<T> result) {
        if (context == null || context == Vertx.currentContext()) {
            handle(answer, result);
        } else {
            context.runOnContext(x -> handle(answer, result));
        }
    }

    private static <T> void handle(Promise<T> answer, AsyncResult<T> result) {
        try {
            answer.handle(result);
        } catch (RuntimeException e) {
            LOG.error("a caller of the API budget failed on its answer", e);
        }
    }

    /** The next group of {@code account}'s waiting reservations (those with the first one's limits), if any. */
    private void decideNext(BudgetAccount account) {
        List<Asked> group = new ArrayList<>();
        synchronized (this) {
            Deque<Asked> waiting = asking.get(account);
            while (!waiting.isEmpty()
                    && group.size() < MAX_GROUP
                    && (group.isEmpty()
                            || waiting.peek().limits().equals(group.get(0).limits()))) {
                group.add(waiting.poll());
            }
            if (group.isEmpty()) {
                asking.remove(account);
                deciding.remove(account);
                return;
            }
        }
        Future<Void> decided;
        try {
            decided = reserveTogether(account, group);
        } catch (RuntimeException e) {
            group.forEach(asked -> asked.complete(Future.failedFuture(e)));
            decided = Future.succeededFuture();
        }
        decided.onComplete(x -> decideNext(account));
    }

    private Future<Void> reserveTogether(BudgetAccount account, List<Asked> group) {
        String org = account.organizationId();
        String meter = account.meter().name();
        ZohoApiLimits limits = group.get(0).limits();
        Instant now = group.stream().map(Asked::now).max(Instant::compareTo).orElseThrow();
        BudgetLease source;
        List<UUID> idle;
        List<UUID> held;
        int leasedFree;
        int demand;
        int epoch;
        synchronized (this) {
            epoch = stops;
            source = leases.get(new LeaseKey(account, limits));
            boolean live = source != null && source.granting(now);
            // a lease still granting lends its idle units to the group (they are held: the windows alone decide);
            // one that grants no more is settled first, so that the count below is the database's alone
            idle = source == null || live ? List.of() : source.takeIdle();
            held = live ? source.takeIdleUnits(group.size()) : List.of();
            leasedFree = live ? source.freeSlots() : 0;
            demand = group.stream().mapToInt(Asked::slots).sum() + (source == null ? 0 : source.handedOut());
        }
        List<BudgetPermit.Reserved> granted = new ArrayList<>();
        List<UUID> units = new ArrayList<>();
        List<UUID> ahead = new ArrayList<>();
        List<UUID> inserted = new ArrayList<>();
        boolean[] leasing = {false};
        // the lent units are used unless this instance was taken for dead meanwhile (their rows may be gone)
        boolean[] useHeld = {true};
        Future<Void> together;
        try {
            together = Transactions.run(
                    pool,
                    conn -> conn.preparedQuery(LOCK)
                            .execute(Tuple.of(org, meter))
                            .compose(x -> alive(conn, now))
                            .compose(lapsed -> {
                                useHeld[0] = !lapsed;
                                return idle.isEmpty()
                                        ? Future.succeededFuture()
                                        : conn.preparedQuery(GIVE_BACK).execute(Tuple.of(idle.toArray(UUID[]::new)));
                            })
                            .compose(x -> conn.preparedQuery(PRUNE)
                                    .execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)), utc(now))))
                            .compose(x -> counts(conn, org, meter, usageQuery(org, meter, limits, now, 1)))
                            .compose(counts -> {
                                List<PermitRow> rows = new ArrayList<>();
                                Counts sofar = counts;
                                for (Asked asked : group) {
                                    UUID unit = useHeld[0] && granted.size() < held.size()
                                            ? held.get(granted.size())
                                            : null;
                                    BudgetUsage usage = unit == null
                                            ? sofar.usage()
                                            : sofar.usage().withoutCallsInFlight();
                                    if (sofar.refusal(
                                                    Budget.reserve(limits.budgetLimits(), usage, now, asked.slots()),
                                                    asked.slots(),
                                                    limits,
                                                    now)
                                            .isPresent()) {
                                        break;
                                    }
                                    Reservation reservation =
                                            reservation(asked.organizationId(), asked.product(), asked.slots(), unit);
                                    rows.addAll(reservation.rows());
                                    granted.add(reservation.reserved());
                                    units.add(reservation.unit());
                                    sofar = sofar.withReserved(asked.slots(), now, unit == null);
                                }
                                // slots leased ahead when every asker got its own: as many as were asked for since
                                // the last settlement, no more than a tenth of what the windows and Zoho's count leave
                                // (a lease never holds back much from the other instances and callers, and none once
                                // the windows fill), and LEASE_SLOTS in all
                                int room = Math.min(
                                        Budget.windowRoom(limits.budgetLimits(), sofar.usage(), now),
                                        sofar.zohoLeft(limits, now));
                                leasing[0] = granted.size() == group.size() && room / LEASE_SHARE > 0;
                                int leased = leasing[0]
                                        ? Math.max(
                                                0,
                                                Math.min(
                                                        LEASE_SLOTS - leasedFree, Math.min(room / LEASE_SHARE, demand)))
                                        : 0;
                                for (int i = 0; i < leased; i++) {
                                    UUID id = UUID.randomUUID();
                                    ahead.add(id);
                                    rows.add(PermitRow.slot(id));
                                }
                                rows.forEach(row -> inserted.add(row.id()));
                                return rows.isEmpty()
                                        ? Future.<Void>succeededFuture()
                                        : takeAll(conn, org, meter, rows);
                            }));
        } catch (RuntimeException e) {
            together = Future.failedFuture(e);
        }
        return together.transform(done -> {
            if (done.failed()) {
                synchronized (this) {
                    keep(notGivenBack, idle);
                    // the transaction may have committed though its answer was lost: its rows are deleted
                    keep(notGivenBack, inserted);
                    if (!held.isEmpty()) {
                        source.idle(held);
                    }
                }
                group.forEach(asked -> asked.complete(Future.failedFuture(done.cause())));
                return Future.succeededFuture();
            }
            synchronized (this) {
                BudgetLease lease = lease(account, limits);
                int lent = useHeld[0] ? Math.min(held.size(), granted.size()) : 0;
                for (int i = 0; i < granted.size(); i++) {
                    grants.put(
                            granted.get(i).slotIds().get(0),
                            i < lent ? source.joinedLent(units.get(i)) : lease.joined(units.get(i)));
                }
                List<UUID> unlent = held.subList(lent, held.size());
                // what a stop (Zoho's block, its count, a lapse) meant the counts above may not have seen
                boolean current = stops == epoch;
                if (!unlent.isEmpty() && useHeld[0] && current) {
                    source.idle(unlent);
                } else if (!unlent.isEmpty()) {
                    source.forget(unlent);
                    notGivenBack.addAll(unlent);
                }
                if (leasing[0] && current) {
                    lease.renew(ahead, now, LEASE_LIFE);
                } else {
                    // the windows are full or nearly, or a stop came meanwhile: the lease keeps nothing, and its jobs
                    // give back to the database
                    lease.stop();
                    notGivenBack.addAll(ahead);
                }
            }
            for (int i = 0; i < granted.size(); i++) {
                group.get(i).complete(Future.succeededFuture(granted.get(i)));
            }
            Future<Void> rest = Future.succeededFuture();
            for (Asked asked : group.subList(granted.size(), group.size())) {
                rest = rest.transform(x ->
                        reserveAlone(asked).onComplete(asked::complete).transform(y -> Future.<Void>succeededFuture()));
            }
            return rest;
        });
    }

    /**
     * The rows of a reservation of {@code slots} calls: its slots, counted against the windows from now until drawn,
     * and its concurrency unit, a row of its own that counts against no window (none when it has {@code heldUnit},
     * a lease's).
     */
    private Reservation reservation(String organizationId, ZohoProduct product, int slots, UUID heldUnit) {
        List<UUID> ids =
                IntStream.range(0, slots).mapToObj(i -> UUID.randomUUID()).toList();
        UUID unit = heldUnit == null ? UUID.randomUUID() : heldUnit;
        List<PermitRow> rows = new ArrayList<>();
        ids.forEach(id -> rows.add(PermitRow.slot(id)));
        if (heldUnit == null) {
            rows.add(new PermitRow(unit, true, false));
        }
        return new Reservation(
                new BudgetPermit.Reserved(
                        organizationId,
                        product,
                        ids.stream().map(UUID::toString).toList()),
                unit,
                rows);
    }

    /** Rows of {@link #reservation}'s or slots leased ahead (all of one account's, none taken by a call yet), in one insert. */
    private Future<Void> takeAll(SqlConnection conn, String organizationId, String meter, List<PermitRow> rows) {
        return conn.preparedQuery(TAKE_ALL)
                .execute(Tuple.of(
                        rows.stream().map(PermitRow::id).toArray(UUID[]::new),
                        organizationId,
                        meter,
                        holderId,
                        rows.stream().map(PermitRow::holding).toArray(Boolean[]::new),
                        rows.stream().map(PermitRow::counts).toArray(Boolean[]::new)))
                .mapEmpty();
    }

    /**
     * A row of {@code zoho_api_permits} a settlement inserts, none yet taken by a call: a slot counts against the
     * windows, a concurrency unit holds a slot of the concurrency limit.
     */
    private record PermitRow(UUID id, boolean holding, boolean counts) {
        static PermitRow slot(UUID id) {
            return new PermitRow(id, false, true);
        }
    }

    private record Reservation(BudgetPermit.Reserved reserved, UUID unit, List<PermitRow> rows) {
        /** The ids of its rows. */
        List<UUID> ids() {
            return rows.stream().map(PermitRow::id).toList();
        }
    }

    /** The account's lease under {@code limits} (guarded by this). */
    private BudgetLease lease(BudgetAccount account, ZohoApiLimits limits) {
        return leases.computeIfAbsent(new LeaseKey(account, limits), key -> new BudgetLease());
    }

    /** The account's leases grant no more until settled (Zoho blocked it). */
    private synchronized void stopLeases(BudgetAccount account) {
        stops++;
        leases.forEach((key, lease) -> {
            if (key.account().equals(account)) {
                lease.stop();
            }
        });
    }

    /**
     * A lease is per account and limits: Books and Inventory share one account's counts, and may be configured with
     * limits of their own.
     */
    private record LeaseKey(BudgetAccount account, ZohoApiLimits limits) {}

    private Future<BudgetPermit> reserveAlone(Asked asked) {
        String organizationId = asked.organizationId();
        BudgetAccount account = BudgetAccount.of(organizationId, asked.product());
        Reservation reservation = reservation(organizationId, asked.product(), asked.slots(), null);
        return decide(
                        organizationId,
                        asked.product(),
                        asked.limits(),
                        asked.now(),
                        asked.slots(),
                        false,
                        reservation.ids(),
                        (conn, meter, held) -> takeAll(conn, asked.organizationId(), meter, reservation.rows())
                                .map(x -> reservation.reserved()))
                .onSuccess(permit -> {
                    if (permit instanceof BudgetPermit.Reserved reserved) {
                        synchronized (this) {
                            grants.put(
                                    reserved.slotIds().get(0),
                                    lease(account, asked.limits()).joined(reservation.unit()));
                        }
                    }
                });
    }

    /**
     * This holder alive for {@code aliveFor} from {@code now}; true when it had lapsed before (other instances may
     * have taken it for dead and deleted its slots and units): then every lease is given up.
     */
    private Future<Boolean> alive(SqlClient conn, Instant now) {
        return conn.preparedQuery(ALIVE)
                .execute(Tuple.of(holderId, utc(now.plus(aliveFor))))
                .map(rows -> {
                    Boolean pruned = rows.iterator().next().getBoolean("pruned");
                    return alive(pruned);
                });
    }

    /** Whether this holder lapsed, from what its ALIVE answered; then every lease is given up. */
    private synchronized boolean alive(Boolean pruned) {
        boolean lapsed = Boolean.TRUE.equals(pruned) || (pruned == null && known);
        known = true;
        if (lapsed) {
            LOG.warn("the API budget took this instance ({}) for dead: its leases are given up", holderId);
            stops++;
            // detached: the grants of running jobs point at stopped leases no settlement renews, so their units
            // (perhaps deleted) go back to the database when they end, never to another job
            leases.values().forEach(lease -> {
                lease.stop();
                notGivenBack.addAll(lease.takeIdle());
            });
            leases.clear();
        }
        return lapsed;
    }

    /** Inserts what was allowed; {@code held}: the call runs under a slot still held (see {@link #decide}). */
    private interface Take {
        Future<BudgetPermit> take(SqlConnection conn, String meter, boolean held);
    }

    /**
     * Under the account's lock: this holder alive, old rows pruned, the domain's answer, and {@code take} if allowed
     * (inserting the rows {@code taken}, deleted should the transaction's outcome be unknown);
     * {@code inHeldSlot}: the call runs under a slot already held, so the calls in flight do not refuse it; unless this
     * instance was taken for dead meanwhile (the slot's row may be gone), when it is counted in flight as any call.
     */
    private Future<BudgetPermit> decide(
            String organizationId,
            ZohoProduct product,
            ZohoApiLimits limits,
            Instant now,
            int calls,
            boolean inHeldSlot,
            List<UUID> taken,
            Take take) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        Tuple usageQuery = usageQuery(org, meter, limits, now, calls);
        List<UUID> idle = settleIdle(account, now);
        return Transactions.run(
                        pool,
                        conn -> conn.preparedQuery(LOCK)
                                .execute(Tuple.of(org, meter))
                                .compose(x -> alive(conn, now))
                                .compose(lapsed -> {
                                    boolean held = inHeldSlot && !lapsed;
                                    return (idle.isEmpty()
                                                    ? Future.succeededFuture()
                                                    : conn.preparedQuery(GIVE_BACK)
                                                            .execute(Tuple.of(idle.toArray(UUID[]::new))))
                                            .compose(x -> conn.preparedQuery(PRUNE)
                                                    .execute(
                                                            Tuple.of(org, meter, utc(now.minus(Budget.DAY)), utc(now))))
                                            .compose(x -> counts(conn, org, meter, usageQuery))
                                            .compose(counts -> counts.refusal(
                                                            Budget.reserve(
                                                                    limits.budgetLimits(),
                                                                    held
                                                                            ? counts.usage()
                                                                                    .withoutCallsInFlight()
                                                                            : counts.usage(),
                                                                    now,
                                                                    calls),
                                                            calls,
                                                            limits,
                                                            now)
                                                    .<Future<BudgetPermit>>map(Future::succeededFuture)
                                                    .orElseGet(() -> take.take(conn, meter, held)));
                                }))
                .onFailure(e -> {
                    // the transaction may have committed though its answer was lost: what it would take is deleted
                    keep(notGivenBack, idle);
                    keep(notGivenBack, taken);
                });
    }

    /** What is idle in the account's leases that grant no more, taken out for the database to delete. */
    private synchronized List<UUID> settleIdle(BudgetAccount account, Instant now) {
        List<UUID> idle = new ArrayList<>();
        leases.forEach((key, lease) -> {
            if (key.account().equals(account) && !lease.granting(now)) {
                idle.addAll(lease.takeIdle());
            }
        });
        return idle;
    }

    private static Tuple usageQuery(String org, String meter, ZohoApiLimits limits, Instant now, int calls) {
        return Tuple.of(
                org,
                meter,
                utc(now.minus(Budget.MINUTE)),
                (long) Budget.counted(limits.perMinute(), calls),
                utc(now.minus(Budget.DAY)),
                (long) Budget.counted(limits.perDay(), calls),
                utc(now));
    }

    /** What the account's counts show: the domain's usage, and Zoho's count of the day with the calls made since. */
    private record Counts(BudgetUsage usage, ZohoDayCount zoho, long sinceZoho) {

        Optional<BudgetPermit.Denied> refusal(BudgetDecision own, int calls, ZohoApiLimits limits, Instant now) {
            return ZohoDayCount.refusal(own, zoho, sinceZoho, calls, limits.concurrency(), now);
        }

        /**
         * The counts once {@code slots} more calls were reserved now (they count as calls since Zoho's report too),
         * under a concurrency unit taken anew or one already held.
         */
        Counts withReserved(int slots, Instant now, boolean newUnit) {
            BudgetUsage reserved = usage.withReserved(slots, now);
            return new Counts(
                    newUnit
                            ? reserved
                            : new BudgetUsage(
                                    reserved.minute(), reserved.day(), usage.inFlight(), usage.blockedUntil()),
                    zoho,
                    sinceZoho + slots);
        }

        int zohoLeft(ZohoApiLimits limits, Instant now) {
            return zoho == null ? Integer.MAX_VALUE : zoho.left(sinceZoho, limits.concurrency(), now);
        }
    }

    private static Future<Counts> counts(SqlClient conn, String org, String meter, Tuple usageQuery) {
        return conn.preparedQuery(USAGE)
                .execute(usageQuery)
                .compose(rows -> blocks(conn, org, meter).map(blocks -> {
                    Row r = rows.iterator().next();
                    OffsetDateTime calledAt = r.getOffsetDateTime("zoho_called_at");
                    ZohoDayCount zoho = calledAt == null
                            ? null
                            : new ZohoDayCount(
                                    r.getInteger("zoho_remaining"),
                                    calledAt.toInstant(),
                                    r.getOffsetDateTime("zoho_reset_at").toInstant());
                    return new Counts(usage(r, blocks), zoho, r.getLong("zoho_since"));
                }));
    }

    @Override
    public Future<Void> draw(BudgetPermit.Reserved reservation, String slotId, Instant now) {
        BudgetAccount account = BudgetAccount.of(reservation.organizationId(), reservation.product());
        return draws.ask(new Drawn(UUID.fromString(slotId), account, now));
    }

    private Future<List<Void>> drawAll(List<Drawn> drawn) {
        return pool.preparedQuery(DRAW)
                .execute(Tuple.of(
                        drawn.stream().map(Drawn::slot).toArray(UUID[]::new),
                        drawn.stream().map(d -> d.account().organizationId()).toArray(String[]::new),
                        drawn.stream().map(d -> d.account().meter().name()).toArray(String[]::new),
                        drawn.stream().map(d -> utc(d.at())).toArray(OffsetDateTime[]::new),
                        holderId))
                .map(rows -> Collections.nCopies(drawn.size(), (Void) null));
    }

    @Override
    public Future<Void> release(BudgetPermit.Granted permit) {
        BudgetLease.Grant borrowed;
        synchronized (this) {
            borrowed = grants.remove(permit.permitId());
        }
        // a call under a borrowed unit holds no concurrency of its own, unless this instance was taken for dead while
        // it was decided: its row is released either way (a row that holds nothing is left as it is)
        Future<Void> released = release(List.of(UUID.fromString(permit.permitId())));
        return borrowed == null
                ? released
                : Future.join(released, ended(borrowed)).mapEmpty();
    }

    @Override
    public Future<Void> finish(String holding, List<String> unused) {
        List<UUID> gone = new ArrayList<>(unused.stream().map(UUID::fromString).toList());
        synchronized (this) {
            BudgetLease.Grant grant = grants.remove(holding);
            if (grant != null) {
                if (grant.lease().ended(grant.unit(), gone)) {
                    return Future.succeededFuture();
                }
                gone.add(grant.unit());
            }
        }
        return gone.isEmpty() ? Future.succeededFuture() : giveBack(gone);
    }

    private Future<Void> release(List<UUID> ids) {
        return pool.preparedQuery(RELEASE)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .<Void>mapEmpty()
                .onFailure(e -> keep(unreleased, ids));
    }

    private Future<Void> giveBack(List<UUID> ids) {
        return pool.preparedQuery(GIVE_BACK)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .<Void>mapEmpty()
                .onFailure(e -> keep(notGivenBack, ids));
    }

    @Override
    public Future<Void> heartbeat(Instant now) {
        settleIdleLeases(now);
        List<UUID> releases = take(unreleased);
        List<UUID> giveBacks = take(notGivenBack);
        return Transactions.run(
                        pool,
                        conn -> alive(conn, now)
                                .compose(x ->
                                        conn.preparedQuery(RELEASE).execute(Tuple.of(releases.toArray(UUID[]::new))))
                                .compose(x ->
                                        conn.preparedQuery(GIVE_BACK).execute(Tuple.of(giveBacks.toArray(UUID[]::new))))
                                .compose(x ->
                                        conn.preparedQuery(FORGET_DEAD).execute(Tuple.of(utc(now.minus(Budget.DAY))))))
                .<Void>mapEmpty()
                .onFailure(e -> {
                    keep(unreleased, releases);
                    keep(notGivenBack, giveBacks);
                });
    }

    /** The leases that grant no more give back what is idle in them; those that hold nothing more are forgotten. */
    private synchronized void settleIdleLeases(Instant now) {
        leases.values().removeIf(lease -> {
            if (lease.granting(now)) {
                return false;
            }
            notGivenBack.addAll(lease.takeIdle());
            return lease.empty();
        });
    }

    private synchronized void keep(Set<UUID> pending, List<UUID> ids) {
        pending.addAll(ids);
    }

    private synchronized List<UUID> take(Set<UUID> pending) {
        List<UUID> ids = List.copyOf(pending);
        pending.clear();
        return ids;
    }

    @Override
    public Future<ZohoBudget.Headroom> headroom(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        synchronized (this) {
            BudgetLease lease = leases.get(new LeaseKey(account, limits));
            if (lease != null && lease.granting(now) && lease.idleUnits() > 0) {
                // as many jobs as the lease has idle units start now (the windows' room is asked for as they reserve)
                return Future.succeededFuture(new ZohoBudget.Headroom(lease.idleUnits(), now));
            }
        }
        // leases that grant no more are settled first, so that the count below is the database's alone
        List<UUID> idle = settleIdle(account, now);
        return Transactions.withConnection(
                        pool,
                        conn -> (idle.isEmpty()
                                        ? Future.succeededFuture()
                                        : conn.preparedQuery(GIVE_BACK)
                                                .execute(Tuple.of(idle.toArray(UUID[]::new)))
                                                .onFailure(e -> keep(notGivenBack, idle)))
                                .compose(x -> counts(conn, org, meter, usageQuery(org, meter, limits, now, 1))))
                .map(counts -> {
                    int free = Math.min(
                            Budget.freeSlots(limits.budgetLimits(), counts.usage(), now), counts.zohoLeft(limits, now));
                    return new ZohoBudget.Headroom(
                            free,
                            counts.refusal(Budget.permit(limits.budgetLimits(), counts.usage(), now), 1, limits, now)
                                    .map(BudgetPermit.Denied::retryAt)
                                    .orElse(now));
                });
    }

    @Override
    public Future<Void> block(String organizationId, ZohoProduct product, Scope scope, Instant until) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        if (BudgetPermit.limitOf(scope).isPresent()) {
            stopLeases(account);
        }
        // a settlement that counted before the block was stored must not renew a lease: a stop again once it is
        return BudgetPermit.limitOf(scope)
                .map(limit -> pool.preparedQuery(BLOCK)
                        .execute(Tuple.of(
                                account.organizationId(), account.meter().name(), limit.name(), utc(until)))
                        .<Void>mapEmpty()
                        .onComplete(x -> stopLeases(account)))
                .orElseGet(Future::succeededFuture);
    }

    @Override
    public Future<Instant> finishTime(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, long calls) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        return Transactions.withConnection(
                pool,
                conn -> conn.preparedQuery(RECENT)
                        .execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)), (long) limits.perDay()))
                        .compose(rows -> counts(conn, org, meter, usageQuery(org, meter, limits, now, 1))
                                .map(counts -> {
                                    List<Instant> recent = new ArrayList<>();
                                    rows.forEach(r -> recent.add(
                                            r.getOffsetDateTime("taken_at").toInstant()));
                                    Instant finish = Budget.finishTime(
                                            limits.budgetLimits(),
                                            recent,
                                            counts.usage().blockedUntil(),
                                            now,
                                            calls);
                                    // beyond what Zoho's count leaves, the rest waits for its reset
                                    return counts.zohoLeft(limits, now) < calls
                                                    && counts.zoho().resetAt().isAfter(finish)
                                            ? counts.zoho().resetAt()
                                            : finish;
                                })));
    }

    /**
     * Reports are stored one at a time per account, the newest first (issue 14): every answer of Zoho's carries one,
     * and ten calls in flight each upserting the account's one row queued on its lock, at more cost than the calls'
     * own writes. While a report is being stored, a newer one waits, replacing any waiting before it; a report that
     * supersedes none already seen changes nothing, as in the database. Each caller's future ends once its report,
     * or one that supersedes it, is stored.
     */
    @Override
    public Future<Void> zohoCount(String organizationId, ZohoProduct product, ZohoDayCount count) {
        Objects.requireNonNull(count, "count");
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        DayCountWriter writer;
        boolean stopping;
        synchronized (this) {
            // Zoho's count may have been spent by others since the leases were counted against it: a report this low
            // may be below what a lease holds (LEASE_SLOTS, and its concurrency) or what a settlement counting an
            // older report takes ahead (a tenth of Zoho's count)
            stopping = count.remaining() < LEASE_SLOTS * (LEASE_SHARE + 1);
            writer = dayCounts.computeIfAbsent(account, DayCountWriter::new);
        }
        if (!stopping) {
            return writer.report(count);
        }
        // and a settlement that counted before the report was stored must not renew them: a stop again once it is
        stopLeases(account);
        return writer.report(count).onComplete(x -> stopLeases(account));
    }

    /**
     * One account's reports of Zoho's count: the newest seen, whether one is being stored, the one waiting to be, and
     * the callers waiting for a store (guarded by the budget). A caller is answered on its own context.
     */
    private final class DayCountWriter {
        private final BudgetAccount account;
        private ZohoDayCount newest;
        private boolean storing;
        private ZohoDayCount waiting;
        /** Answered when the store in progress ends. */
        private List<Waiter> current = new ArrayList<>();
        /** Answered when the waiting report's store ends. */
        private List<Waiter> next = new ArrayList<>();

        DayCountWriter(BudgetAccount account) {
            this.account = account;
        }

        Future<Void> report(ZohoDayCount count) {
            Waiter waiter = new Waiter(Promise.promise(), Vertx.currentContext());
            ZohoDayCount toStore;
            synchronized (PgZohoBudget.this) {
                if (!count.supersedes(newest)) {
                    // no newer than one already seen: it changes nothing, once that one is stored
                    if (!storing) {
                        return Future.succeededFuture();
                    }
                    (waiting != null ? next : current).add(waiter);
                    return waiter.answer().future();
                }
                newest = count;
                if (storing) {
                    waiting = count;
                    next.add(waiter);
                    return waiter.answer().future();
                }
                storing = true;
                current.add(waiter);
                toStore = count;
            }
            store(toStore);
            return waiter.answer().future();
        }

        private void store(ZohoDayCount count) {
            Future<Void> stored;
            try {
                stored = pool.preparedQuery(ZOHO_COUNT)
                        .execute(Tuple.of(
                                account.organizationId(),
                                account.meter().name(),
                                count.remaining(),
                                utc(count.calledAt()),
                                utc(count.resetAt())))
                        .mapEmpty();
            } catch (RuntimeException e) {
                stored = Future.failedFuture(e);
            }
            stored.onComplete(this::stored);
        }

        private void stored(AsyncResult<Void> result) {
            List<Waiter> answered;
            ZohoDayCount following;
            synchronized (PgZohoBudget.this) {
                answered = current;
                current = next;
                next = new ArrayList<>();
                following = waiting;
                waiting = null;
                storing = following != null;
                if (result.failed() && following == null) {
                    // not stored: the next report is stored whatever it says
                    newest = null;
                }
            }
            answered.forEach(waiter -> waiter.complete(result));
            if (following != null) {
                store(following);
            }
        }
    }

    /** A caller waiting for a store, answered on the context it called from. */
    private record Waiter(Promise<Void> answer, Context context) {
        /** Answers; a listener that throws stops nothing else (the other waiters, the next store). */
        void complete(AsyncResult<Void> result) {
            answerOn(context, answer, result);
        }
    }

    private static Future<Map<Limit, Instant>> blocks(SqlClient conn, String org, String meter) {
        return conn.preparedQuery(BLOCKS).execute(Tuple.of(org, meter)).map(PgZohoBudget::blocks);
    }

    private static Map<Limit, Instant> blocks(RowSet<Row> rows) {
        Map<Limit, Instant> blocks = new EnumMap<>(Limit.class);
        rows.forEach(r -> blocks.put(
                Limit.valueOf(r.getString("scope")),
                r.getOffsetDateTime("blocked_until").toInstant()));
        return blocks;
    }

    private static BudgetUsage usage(Row r, Map<Limit, Instant> blocks) {
        return new BudgetUsage(
                window(r, "minute"), window(r, "day"), r.getLong("in_flight").intValue(), blocks);
    }

    private static WindowUsage window(Row r, String name) {
        OffsetDateTime oldest = r.getOffsetDateTime(name + "_oldest");
        return new WindowUsage(r.getLong(name + "_calls").intValue(), oldest == null ? null : oldest.toInstant());
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
