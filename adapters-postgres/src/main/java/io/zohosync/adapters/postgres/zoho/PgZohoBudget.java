package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.zohosync.ports.out.zoho.BudgetPermit;
import io.zohosync.ports.out.zoho.ZohoApiLimits;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Postgres adapter for {@link ZohoBudget}: every instance counts the same permits. A permit is taken in one
 * short transaction that holds an advisory lock for its (organization, product), so two instances can never
 * both take the last slot. Time comes from the caller, so tests and Zoho's sandbox can share a clock.
 */
final class PgZohoBudget implements ZohoBudget {

    private static final Duration CONCURRENCY_RETRY = Duration.ofMillis(200);
    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('zoho-budget/' || $1 || '/' || $2, 0))";
    private static final String PRUNE = "delete from zoho_api_permits where organization_id = $1 and product = $2 and taken_at <= $3::timestamptz - interval '1 day'";
    private static final String BLOCKED = """
            select scope, blocked_until from zoho_api_blocks
             where organization_id = $1 and product = $2 and blocked_until > $3::timestamptz
             order by blocked_until desc limit 1""";
    private static final String COUNTS = """
            select count(*) as day,
                   min(taken_at) as day_oldest,
                   count(*) filter (where taken_at > $3::timestamptz - interval '1 minute') as minute,
                   min(taken_at) filter (where taken_at > $3::timestamptz - interval '1 minute') as minute_oldest,
                   count(*) filter (where lease_until > $3::timestamptz) as running
              from zoho_api_permits
             where organization_id = $1 and product = $2 and taken_at > $3::timestamptz - interval '1 day'""";
    private static final String TAKE = """
            insert into zoho_api_permits (permit_id, organization_id, product, taken_at, lease_until)
            values ($1, $2, $3, $4, $5)""";
    private static final String RELEASE = "update zoho_api_permits set lease_until = null where permit_id = $1";
    private static final String BLOCK = """
            insert into zoho_api_blocks (organization_id, product, scope, blocked_until) values ($1, $2, $3, $4)
            on conflict (organization_id, product, scope)
            do update set blocked_until = greatest(zoho_api_blocks.blocked_until, excluded.blocked_until)""";

    private final Pool pool;
    private final Duration lease;

    PgZohoBudget(Pool pool, Duration lease) {
        this.pool = pool;
        this.lease = lease;
    }

    @Override
    public Future<BudgetPermit> acquire(String organizationId, ZohoProduct product, ZohoApiLimits limits, Instant now) {
        Tuple key = Tuple.of(organizationId, product.name(), utc(now));
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(organizationId, product.name()))
                .compose(x -> conn.preparedQuery(PRUNE).execute(key))
                .compose(x -> conn.preparedQuery(BLOCKED).execute(key))
                .compose(blocked -> blocked.size() > 0
                        ? Future.succeededFuture(denied(blocked.iterator().next()))
                        : conn.preparedQuery(COUNTS).execute(key)
                                .compose(counts -> decide(conn, organizationId, product, limits, now, counts.iterator().next()))));
    }

    private Future<BudgetPermit> decide(SqlConnection conn, String organizationId, ZohoProduct product, ZohoApiLimits limits,
            Instant now, Row counts) {
        if (counts.getLong("day") >= limits.perDay()) {
            return Future.succeededFuture(new BudgetPermit.Denied(Scope.DAY, counts.getOffsetDateTime("day_oldest").toInstant().plus(Duration.ofDays(1))));
        }
        if (counts.getLong("minute") >= limits.perMinute()) {
            return Future.succeededFuture(new BudgetPermit.Denied(Scope.MINUTE,
                    counts.getOffsetDateTime("minute_oldest").toInstant().plus(Duration.ofMinutes(1))));
        }
        if (counts.getLong("running") >= limits.concurrency()) {
            return Future.succeededFuture(new BudgetPermit.Denied(Scope.CONCURRENCY, now.plus(CONCURRENCY_RETRY)));
        }
        UUID id = UUID.randomUUID();
        return conn.preparedQuery(TAKE).execute(Tuple.of(id, organizationId, product.name(), utc(now), utc(now.plus(lease))))
                .map(x -> new BudgetPermit.Granted(id.toString(), organizationId, product));
    }

    @Override
    public Future<Void> release(BudgetPermit.Granted permit) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(UUID.fromString(permit.permitId()))).mapEmpty();
    }

    @Override
    public Future<Void> block(String organizationId, ZohoProduct product, Scope scope, Instant until) {
        return pool.preparedQuery(BLOCK).execute(Tuple.of(organizationId, product.name(), scope.name(), utc(until))).mapEmpty();
    }

    private static BudgetPermit denied(Row r) {
        return new BudgetPermit.Denied(Scope.valueOf(r.getString("scope")), r.getOffsetDateTime("blocked_until").toInstant());
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
