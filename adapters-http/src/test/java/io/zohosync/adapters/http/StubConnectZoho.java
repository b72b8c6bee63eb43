package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the Zoho connection: a connected organization, and a callback outcome the test sets. */
final class StubConnectZoho implements ConnectZohoUseCase {

    static final ZohoConnectionState CONNECTED = new ZohoConnectionState(
            ZohoConnectionState.Status.CONNECTED,
            "ok",
            null,
            Map.of(
                    ZohoProduct.BOOKS,
                    ZohoConnectionState.Circuit.CLOSED,
                    ZohoProduct.CRM,
                    ZohoConnectionState.Circuit.HALF_OPEN));

    final List<List<String>> finished = new CopyOnWriteArrayList<>();
    volatile Future<ConnectOutcome> outcome = Future.succeededFuture(new ConnectOutcome.Connected(CONNECTED));

    @Override
    public Future<String> consentUrl() {
        return Future.succeededFuture("https://accounts.zoho.example/oauth/v2/auth?state=s");
    }

    @Override
    public Future<ConnectOutcome> finish(String code, String location, String accountsServer, String state) {
        finished.add(Arrays.asList(code, location, accountsServer, state));
        return outcome;
    }

    @Override
    public Future<ZohoConnectionState> connection() {
        return Future.succeededFuture(CONNECTED);
    }
}
