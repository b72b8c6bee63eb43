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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Postgres adapter for {@link ZohoBudget}: every instance counts the same permits, one row per call, per
 * {@link BudgetAccount}; the domain's {@link Budget} decides from the counts. A permit is taken in one short
 * transaction that holds an advisory lock for its account, so two instances can never both take the last
 * slot. Time comes from the caller, so tests and Zoho's sandbox can share a clock.
 */
final class PgZohoBudget implements ZohoBudget {

    private static final String LOCK =
            "select pg_advisory_xact_lock(hashtextextended('zoho-budget/' || $1 || '/' || $2, 0))";
    private static final String PRUNE =
            "delete from zoho_api_permits where organization_id = $1 and meter = $2 and taken_at <= $3";
    /** Per window the newest calls, at most its limit of them (WindowUsage); permits whose lease is running. */
    private static final String USAGE = """
            with minute as (select taken_at from zoho_api_permits
                             where organization_id = $1 and meter = $2 and taken_at > $3 order by taken_at desc limit $4),
                 day as (select taken_at from zoho_api_permits
                          where organization_id = $1 and meter = $2 and taken_at > $5 order by taken_at desc limit $6)
            select (select count(*) from minute) as minute_calls, (select min(taken_at) from minute) as minute_oldest,
                   (select count(*) from day) as day_calls, (select min(taken_at) from day) as day_oldest,
                   (select count(*) from zoho_api_permits
                     where organization_id = $1 and meter = $2 and lease_until > $7) as in_flight""";

    private static final String RECENT = """
            select taken_at from zoho_api_permits where organization_id = $1 and meter = $2 and taken_at > $3
             order by taken_at desc limit $4""";
    private static final String BLOCKS =
            "select scope, blocked_until from zoho_api_blocks where organization_id = $1 and meter = $2";
    private static final String TAKE = """
            insert into zoho_api_permits (permit_id, organization_id, meter, taken_at, lease_until)
            values ($1, $2, $3, $4, $5)""";
    private static final String RELEASE = "update zoho_api_permits set lease_until = null where permit_id = $1";
    private static final String BLOCK = """
            insert into zoho_api_blocks (organization_id, meter, scope, blocked_until) values ($1, $2, $3, $4)
            on conflict (organization_id, meter, scope)
            do update set blocked_until = greatest(zoho_api_blocks.blocked_until, excluded.blocked_until)""";

    private final Pool pool;
    private final Duration lease;

    PgZohoBudget(Pool pool, Duration lease) {
        this.pool = pool;
        this.lease = lease;
    }

    @Override
    public Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        BudgetAccount account = BudgetAccount.of(organizationId, product);
        String org = account.organizationId();
        String meter = account.meter().name();
        Tuple usageQuery = Tuple.of(
                org,
                meter,
                utc(now.minus(Budget.MINUTE)),
                (long) limits.perMinute(),
                utc(now.minus(Budget.DAY)),
                (long) limits.perDay(),
                utc(now));
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK)
                .execute(Tuple.of(org, meter))
                .compose(x -> conn.preparedQuery(PRUNE).execute(Tuple.of(org, meter, utc(now.minus(Budget.DAY)))))
                .compose(x -> conn.preparedQuery(USAGE).execute(usageQuery))
                .compose(counts -> blocks(conn, org, meter)
                        .map(blocks -> usage(counts.iterator().next(), blocks)))
                .compose(usage ->
                        Budget.permit(limits.budgetLimits(), usage, now) instanceof BudgetDecision.WaitUntil wait
                                ? Future.succeededFuture(BudgetPermit.Denied.of(wait))
                                : take(conn, organizationId, product, meter, now)));
    }

    private Future<BudgetPermit> take(
            SqlConnection conn, String organizationId, ZohoProduct product, String meter, Instant now) {
        UUID id = UUID.randomUUID();
        return conn.preparedQuery(TAKE)
                .execute(Tuple.of(id, organizationId, meter, utc(now), utc(now.plus(lease))))
                .map(x -> new BudgetPermit.Granted(id.toString(), organizationId, product));
    }

    @Override
    public Future<Void> release(BudgetPermit.Granted permit) {
        return pool.preparedQuery(RELEASE)
                .execute(Tuple.of(UUID.fromString(permit.permitId())))
                .mapEmpty();
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
