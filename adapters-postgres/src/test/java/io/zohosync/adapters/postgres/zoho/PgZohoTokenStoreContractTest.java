package io.zohosync.adapters.postgres.zoho;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.testing.TokenStoreContract;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;

class PgZohoTokenStoreContractTest extends TokenStoreContract {

    private Pool pool;

    @Override
    protected TokenStore store(Vertx vertx) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        pool = PostgresFixture.shared().pool(vertx);
        return ZohoPostgres.tokenStore(
                pool, TokenKeys.parse("k1:" + Base64.getEncoder().encodeToString(key)));
    }

    @AfterEach
    void closePool() {
        pool.close().await();
    }
}
