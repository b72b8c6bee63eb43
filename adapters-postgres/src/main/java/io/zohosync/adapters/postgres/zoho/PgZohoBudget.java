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
 */
final class PgZohoBudget implements ZohoBudget {

    private static final Logger LOG = LoggerFactory.getLogger(PgZohoBudget.class);

    private static final String LOCK =
            "select pg_advisory_xact_lock(hashtextextended('zoho-budget/' || $1 || '/' || $2, 0))";
    private static final String ALIVE = """
            insert into zoho_api_holders (holder_id, alive_until) values ($1, $2)
            on conflict (holder_id)
            do update set alive_until = greatest(zoho_api_holders.alive_until, excluded.alive_until)""";
    /** Calls older than the day, and slots reserved by a holder that died before using them. */
    private static final String PRUNE = """
            delete from zoho_api_permits p where organization_id = $1 and meter = $2
               and (taken_at <= $3
                    or (taken_at is null and not exists (select 1 from zoho_api_holders h
                                                          where h.holder_id = p.holder_id and h.alive_until > $4)))""";
    /**
     * Per window the newest calls, at most $4 and $6 of them ({@code Budget.counted}); a reserved slot not yet
     * drawn counts as a call made now ($7); the slots held by live holders; Zoho's count of the day while it has not
     * reset, and the calls counted since it was told (a slot not yet drawn among them whatever the caller's now: its
     * call is still to come).
     */
    private static final String USAGE = """
            with alive as (select holder_id from zoho_api_holders where alive_until > $7),
                 counted as (select coalesce(taken_at, $7) as t, taken_at is null as reserved from zoho_api_permits
                              where organization_id = $1 and meter = $2
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
    private static final String TAKE = """
            insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id, holding)
            values ($1, $2, $3, $4, $5, $6)""";
    /** A drawn slot counts from its call; should its row be gone (its holder was taken for dead), it is counted anew. */
    private static final String DRAW = """
            insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, holder_id, holding)
            values ($1, $2, $3, $4, $5, false)
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
    /** Per account, the reservations waiting for the group being decided to end (guarded by this). */
    private final Map<BudgetAccount, Deque<Asked>> asking = new HashMap<>();
    /** The accounts with a group being decided (guarded by this). */
    private final Set<BudgetAccount> deciding = new HashSet<>();

    PgZohoBudget(Pool pool, String holderId, Duration aliveFor) {
        this.pool = pool;
        this.holderId = holderId;
        this.aliveFor = aliveFor;
    }

    @Override
    public Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        return decide(organizationId, product, limits, now, 1, false, (conn, meter) -> {
            UUID id = UUID.randomUUID();
            return conn.preparedQuery(TAKE)
                    .execute(Tuple.of(id, organizationId, meter, utc(now), holderId, true))
                    .map(x -> new BudgetPermit.Granted(id.toString(), organizationId, product));
        });
    }

    /** A call of its own under the reservation's slot: a row counted from {@code now}, holding no slot. */
    @Override
    public Future<BudgetPermit> extend(BudgetPermit.Reserved reservation, ZohoApiLimits limits, Instant now) {
        String organizationId = reservation.organizationId();
        ZohoProduct product = reservation.product();
        return decide(organizationId, product, limits, now, 1, true, (conn, meter) -> {
            UUID id = UUID.randomUUID();
            return conn.preparedQuery(TAKE)
                    .execute(Tuple.of(id, organizationId, meter, utc(now), holderId, false))
                    .map(x -> new BudgetPermit.Granted(id.toString(), organizationId, product));
        });
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
            if (context == null || context == Vertx.currentContext()) {
                handle(result);
            } else {
                context.runOnContext(x -> handle(result));
            }
        }

        private void handle(AsyncResult<BudgetPermit> result) {
            try {
                answer.handle(result);
            } catch (RuntimeException e) {
                LOG.error("a reservation's caller failed on its answer", e);
            }
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
        List<BudgetPermit.Reserved> granted = new ArrayList<>();
        Future<Void> together = pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(org, meter))
                .compose(x -> conn.preparedQuery(ALIVE).execute(Tuple.of(holderId, utc(now.plus(aliveFor)))))
                .compose(x ->
                        conn.preparedQuery(PRUNE).execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)), utc(now))))
                .compose(x -> counts(conn, org, meter, usageQuery(org, meter, limits, now, 1)))
                .compose(counts -> {
                    List<Tuple> rows = new ArrayList<>();
                    Counts sofar = counts;
                    for (Asked asked : group) {
                        if (sofar.refusal(
                                        Budget.reserve(limits.budgetLimits(), sofar.usage(), now, asked.slots()),
                                        asked.slots(),
                                        limits,
                                        now)
                                .isPresent()) {
                            break;
                        }
                        List<UUID> ids = IntStream.range(0, asked.slots())
                                .mapToObj(i -> UUID.randomUUID())
                                .toList();
                        for (int i = 0; i < ids.size(); i++) {
                            rows.add(Tuple.of(ids.get(i), org, meter, null, holderId, i == 0));
                        }
                        granted.add(new BudgetPermit.Reserved(
                                asked.organizationId(),
                                asked.product(),
                                ids.stream().map(UUID::toString).toList()));
                        sofar = sofar.withReserved(asked.slots(), now);
                    }
                    return rows.isEmpty()
                            ? Future.<Void>succeededFuture()
                            : conn.preparedQuery(TAKE).executeBatch(rows).<Void>mapEmpty();
                }));
        return together.transform(done -> {
            if (done.failed()) {
                group.forEach(asked -> asked.complete(Future.failedFuture(done.cause())));
                return Future.succeededFuture();
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

    private Future<BudgetPermit> reserveAlone(Asked asked) {
        String organizationId = asked.organizationId();
        int slots = asked.slots();
        return decide(organizationId, asked.product(), asked.limits(), asked.now(), slots, false, (conn, meter) -> {
            List<UUID> ids =
                    IntStream.range(0, slots).mapToObj(i -> UUID.randomUUID()).toList();
            List<Tuple> rows = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                rows.add(Tuple.of(ids.get(i), organizationId, meter, null, holderId, i == 0));
            }
            return conn.preparedQuery(TAKE)
                    .executeBatch(rows)
                    .map(x -> new BudgetPermit.Reserved(
                            organizationId,
                            asked.product(),
                            ids.stream().map(UUID::toString).toList()));
        });
    }

    private interface Take {
        Future<BudgetPermit> take(SqlConnection conn, String meter);
    }

    /**
     * Under the account's lock: this holder alive, old rows pruned, the domain's answer, and {@code take} if allowed;
     * {@code inHeldSlot}: the call runs under a slot already held, so the calls in flight do not refuse it.
     */
    private Future<BudgetPermit> decide(
            String organizationId,
            ZohoProduct product,
            ZohoApiLimits limits,
            Instant now,
            int calls,
            boolean inHeldSlot,
            Take take) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        Tuple usageQuery = usageQuery(org, meter, limits, now, calls);
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(org, meter))
                .compose(x -> conn.preparedQuery(ALIVE).execute(Tuple.of(holderId, utc(now.plus(aliveFor)))))
                .compose(x ->
                        conn.preparedQuery(PRUNE).execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)), utc(now))))
                .compose(x -> counts(conn, org, meter, usageQuery))
                .compose(counts -> counts.refusal(
                                Budget.reserve(
                                        limits.budgetLimits(),
                                        inHeldSlot ? counts.usage().withoutCallsInFlight() : counts.usage(),
                                        now,
                                        calls),
                                calls,
                                limits,
                                now)
                        .<Future<BudgetPermit>>map(Future::succeededFuture)
                        .orElseGet(() -> take.take(conn, meter))));
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

        /** The counts once {@code slots} more calls were reserved now (they count as calls since Zoho's report too). */
        Counts withReserved(int slots, Instant now) {
            return new Counts(usage.withReserved(slots, now), zoho, sinceZoho + slots);
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
        return pool.preparedQuery(DRAW)
                .execute(Tuple.of(
                        UUID.fromString(slotId),
                        account.organizationId(),
                        account.meter().name(),
                        utc(now),
                        holderId))
                .mapEmpty();
    }

    @Override
    public Future<Void> release(BudgetPermit.Granted permit) {
        return release(List.of(UUID.fromString(permit.permitId())));
    }

    @Override
    public Future<Void> finish(String holding, List<String> unused) {
        List<UUID> gone = unused.stream().map(UUID::fromString).toList();
        Future<Void> givenBack = gone.isEmpty() ? Future.succeededFuture() : giveBack(gone);
        return givenBack
                .transform(x -> release(List.of(UUID.fromString(holding))))
                .compose(x -> givenBack);
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
        List<UUID> releases = take(unreleased);
        List<UUID> giveBacks = take(notGivenBack);
        return pool.withTransaction(conn -> conn.preparedQuery(ALIVE)
                        .execute(Tuple.of(holderId, utc(now.plus(aliveFor))))
                        .compose(x -> conn.preparedQuery(RELEASE).execute(Tuple.of(releases.toArray(UUID[]::new))))
                        .compose(x -> conn.preparedQuery(GIVE_BACK).execute(Tuple.of(giveBacks.toArray(UUID[]::new))))
                        .compose(x -> conn.preparedQuery(FORGET_DEAD).execute(Tuple.of(utc(now.minus(Budget.DAY))))))
                .<Void>mapEmpty()
                .onFailure(e -> {
                    keep(unreleased, releases);
                    keep(notGivenBack, giveBacks);
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
        return pool.withConnection(conn -> counts(conn, org, meter, usageQuery(org, meter, limits, now, 1)))
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
        return BudgetPermit.limitOf(scope)
                .map(limit -> pool.preparedQuery(BLOCK)
                        .execute(Tuple.of(
                                account.organizationId(), account.meter().name(), limit.name(), utc(until)))
                        .<Void>mapEmpty())
                .orElseGet(Future::succeededFuture);
    }

    @Override
    public Future<Instant> finishTime(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, long calls) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        return pool.withConnection(conn -> conn.preparedQuery(RECENT)
                .execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)), (long) limits.perDay()))
                .compose(rows -> counts(conn, org, meter, usageQuery(org, meter, limits, now, 1))
                        .map(counts -> {
                            List<Instant> recent = new ArrayList<>();
                            rows.forEach(r ->
                                    recent.add(r.getOffsetDateTime("taken_at").toInstant()));
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

    @Override
    public Future<Void> zohoCount(String organizationId, ZohoProduct product, ZohoDayCount count) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        return pool.preparedQuery(ZOHO_COUNT)
                .execute(Tuple.of(
                        account.organizationId(),
                        account.meter().name(),
                        count.remaining(),
                        utc(count.calledAt()),
                        utc(count.resetAt())))
                .mapEmpty();
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
