package io.zohosync.adapters.postgres.zoho;

import io.vertx.sqlclient.Pool;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoBudget;
import java.time.Duration;

/** Factory of the Postgres adapters the Zoho connection needs: the encrypted token store and the shared API budget. */
public final class ZohoPostgres {

    private ZohoPostgres() {}

    public static TokenStore tokenStore(Pool pool, TokenKeys keys) {
        return new PgZohoTokenStore(pool, keys);
    }

    /** {@code lease}: how long a permit holds its concurrency slot if its instance dies (longer than a call's timeout). */
    public static ZohoBudget budget(Pool pool, Duration lease) {
        return new PgZohoBudget(pool, lease);
    }
}
