package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.zohosync.ports.out.ApiUsageReader;
import io.zohosync.ports.out.zoho.BudgetAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * Postgres adapter for {@link ApiUsageReader}: the calls the budget counted ({@code zoho_api_permits} rows with a
 * {@code taken_at}; a reserved slot not yet used is no call). Reads only.
 */
public final class PgApiUsage implements ApiUsageReader {

    private static final String CALLS =
            "select meter, count(*) as n from zoho_api_permits where taken_at > $1 group by meter";

    private final Pool pool;

    public PgApiUsage(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Map<BudgetAccount.Meter, Long>> callsSince(Instant since) {
        return pool.preparedQuery(CALLS)
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<BudgetAccount.Meter, Long> calls = new EnumMap<>(BudgetAccount.Meter.class);
                    rows.forEach(r -> calls.put(BudgetAccount.Meter.valueOf(r.getString("meter")), r.getLong("n")));
                    return calls;
                });
    }
}
