package io.zohosync.adapters.zoho;

import io.vertx.core.Vertx;
import io.zohosync.ports.out.zoho.ZohoBudget;
import io.zohosync.ports.testing.ZohoBudgetContract;

class InMemoryBudgetContractTest extends ZohoBudgetContract {

    @Override
    protected ZohoBudget budget(Vertx vertx) {
        return ZohoAdapters.inMemoryBudget();
    }
}
