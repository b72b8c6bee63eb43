package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
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
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Postgres adapter for {@link ZohoBudget}: every instance counts the same permits, one row per call, per
 * {@link BudgetAccount}; the domain's {@link Budget} decides from the counts. A permit is taken in one short
 * transaction that holds an advisory lock for its account, so two instances can never both take the last
 * slot. Time comes from the caller, so tests and Zoho's sandbox can share a clock.
 *
 * <p>This instance is the holder {@code holderId}: its row in {@code zoho_api_holders} stays alive for
 * {@code aliveFor} after each heartbeat or permit; slots held by a holder whose row has run out count no more.
 */
final class PgZohoBudget implements ZohoBudget {

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
     * drawn counts as a call made now ($7); the slots held by live holders.
     */
    private static final String USAGE = """
            with alive as (select holder_id from zoho_api_holders where alive_until > $7),
                 counted as (select coalesce(taken_at, $7) as t from zoho_api_permits
                              where organization_id = $1 and meter = $2
                                and (taken_at > $5 or (taken_at is null and holder_id in (select holder_id from alive)))),
                 minute as (select t from counted where t > $3 order by t desc limit $4),
                 day as (select t from counted order by t desc limit $6)
            select (select count(*) from minute) as minute_calls, (select min(t) from minute) as minute_oldest,
                   (select count(*) from day) as day_calls, (select min(t) from day) as day_oldest,
                   (select count(*) from zoho_api_permits
                     where organization_id = $1 and meter = $2 and holding
                       and holder_id in (select holder_id from alive)) as in_flight""";

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
    /** Holders dead for a day hold nothing that still counts. */
    private static final String FORGET_DEAD = "delete from zoho_api_holders where alive_until < $1";

    private final Pool pool;
    private final String holderId;
    private final Duration aliveFor;
    /** Releases and give-backs that failed, retried on the next heartbeat (guarded by this). */
    private final Set<UUID> unreleased = new LinkedHashSet<>();

    private final Set<UUID> notGivenBack = new LinkedHashSet<>();

    PgZohoBudget(Pool pool, String holderId, Duration aliveFor) {
        this.pool = pool;
        this.holderId = holderId;
        this.aliveFor = aliveFor;
    }

    @Override
    public Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        return decide(organizationId, product, limits, now, 1, (conn, meter) -> {
            UUID id = UUID.randomUUID();
            return conn.preparedQuery(TAKE)
                    .execute(Tuple.of(id, organizationId, meter, utc(now), holderId, true))
                    .map(x -> new BudgetPermit.Granted(id.toString(), organizationId, product));
        });
    }

    @Override
    public Future<BudgetPermit> reserve(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, int calls) {
        int slots = Budget.reservable(limits.budgetLimits(), calls);
        return decide(organizationId, product, limits, now, slots, (conn, meter) -> {
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
                            product,
                            ids.stream().map(UUID::toString).toList()));
        });
    }

    private interface Take {
        Future<BudgetPermit> take(SqlConnection conn, String meter);
    }

    /** Under the account's lock: this holder alive, old rows pruned, the domain's answer, and {@code take} if allowed. */
    private Future<BudgetPermit> decide(
            String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now, int calls, Take take) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        Tuple usageQuery = usageQuery(org, meter, limits, now, calls);
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(org, meter))
                .compose(x -> conn.preparedQuery(ALIVE).execute(Tuple.of(holderId, utc(now.plus(aliveFor)))))
                .compose(x ->
                        conn.preparedQuery(PRUNE).execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)), utc(now))))
                .compose(x -> usage(conn, org, meter, usageQuery))
                .compose(usage -> Budget.reserve(limits.budgetLimits(), usage, now, calls)
                                instanceof BudgetDecision.WaitUntil wait
                        ? Future.succeededFuture(BudgetPermit.Denied.of(wait))
                        : take.take(conn, meter)));
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

    private static Future<BudgetUsage> usage(SqlClient conn, String org, String meter, Tuple usageQuery) {
        return conn.preparedQuery(USAGE)
                .execute(usageQuery)
                .compose(counts -> blocks(conn, org, meter)
                        .map(blocks -> usage(counts.iterator().next(), blocks)));
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
        return pool.withConnection(conn -> usage(conn, org, meter, usageQuery(org, meter, limits, now, 1)))
                .map(usage -> {
                    int free = Budget.freeSlots(limits.budgetLimits(), usage, now);
                    return new ZohoBudget.Headroom(
                            free,
                            Budget.permit(limits.budgetLimits(), usage, now) instanceof BudgetDecision.WaitUntil wait
                                    ? wait.at()
                                    : now);
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
                .compose(rows -> blocks(conn, org, meter).map(blocks -> {
                    List<Instant> recent = new ArrayList<>();
                    rows.forEach(r -> recent.add(r.getOffsetDateTime("taken_at").toInstant()));
                    return Budget.finishTime(limits.budgetLimits(), recent, blocks, now, calls);
                })));
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
