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

    /**
     * The budget as the instance {@code holderId} takes from it: its slots stay held while it heartbeats
     * ({@link ZohoBudget#heartbeat}) and come back {@code aliveFor} after its last heartbeat or permit should it die
     * (a small multiple of the heartbeat's period).
     */
    public static ZohoBudget budget(Pool pool, String holderId, Duration aliveFor) {
        return new PgZohoBudget(pool, holderId, aliveFor);
    }
}
