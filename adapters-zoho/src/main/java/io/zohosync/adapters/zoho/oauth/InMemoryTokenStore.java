package io.zohosync.adapters.zoho.oauth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoTokens;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** In-memory adapter for {@link TokenStore}: one process only; updates of a connection run one after another. */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, ZohoTokens> tokens = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

    @Override
    public Future<Optional<ZohoTokens>> load(String connectionId) {
        return Future.succeededFuture(Optional.ofNullable(tokens.get(connectionId)));
    }

    @Override
    public Future<ZohoTokens> update(String connectionId, Function<Optional<ZohoTokens>, Future<ZohoTokens>> change) {
        Promise<ZohoTokens> done = Promise.promise();
        tails.compute(connectionId, (id, tail) -> {
            Future<?> previous = tail == null ? Future.succeededFuture() : tail;
            previous.onComplete(ignored -> run(connectionId, change).onComplete(done));
            return done.future();
        });
        return done.future();
    }

    private Future<ZohoTokens> run(String connectionId, Function<Optional<ZohoTokens>, Future<ZohoTokens>> change) {
        try {
            return change.apply(Optional.ofNullable(tokens.get(connectionId)))
                    .onSuccess(t -> tokens.put(connectionId, t));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
