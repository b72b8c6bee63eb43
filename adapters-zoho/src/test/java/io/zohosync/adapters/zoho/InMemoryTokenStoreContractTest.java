package io.zohosync.adapters.zoho;

import io.vertx.core.Vertx;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.testing.TokenStoreContract;

class InMemoryTokenStoreContractTest extends TokenStoreContract {

    @Override
    protected TokenStore store(Vertx vertx) {
        return ZohoAdapters.inMemoryTokenStore();
    }
}
