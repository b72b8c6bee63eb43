package io.zohosync.adapters.zoho.call;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.ports.out.zoho.ZohoConnectionState.Circuit;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** One circuit breaker per product; only outages (5xx, timeouts, refused connections) count as failures. */
public final class Breakers {

    /** Carries an outage through the breaker as a failure, so the breaker counts it. */
    private static final class OutageSignal extends RuntimeException {
        private final ZohoOutcome<?> outcome;

        OutageSignal(ZohoOutcome<?> outcome) {
            super("outage", null, false, false);
            this.outcome = outcome;
        }
    }

    private final Map<ZohoProduct, CircuitBreaker> breakers = new EnumMap<>(ZohoProduct.class);
    private final Duration reset;

    /** Opens a product's circuit after {@code maxFailures} outages in a row; it half-opens after {@code reset}. */
    public Breakers(Vertx vertx, int maxFailures, Duration reset) {
        this.reset = reset;
        CircuitBreakerOptions options = new CircuitBreakerOptions()
                .setMaxFailures(maxFailures)
                .setResetTimeout(reset.toMillis())
                .setTimeout(-1)
                .setFallbackOnFailure(false);
        for (ZohoProduct product : ZohoProduct.values()) {
            breakers.put(
                    product,
                    CircuitBreaker.create("zoho-" + product.name().toLowerCase(java.util.Locale.ROOT), vertx, options));
        }
    }

    /** How long an open circuit stays open before one trial call. */
    Duration reset() {
        return reset;
    }

    boolean open(ZohoProduct product) {
        return breakers.get(product).state() == CircuitBreakerState.OPEN;
    }

    @SuppressWarnings("unchecked")
    <T> Future<ZohoOutcome<T>> execute(ZohoProduct product, Supplier<Future<ZohoOutcome<T>>> call) {
        return breakers.get(product)
                .<ZohoOutcome<T>>execute(() -> call.get()
                        .compose(outcome -> outcome instanceof ZohoOutcome.Outage<T>
                                ? Future.failedFuture(new OutageSignal(outcome))
                                : Future.succeededFuture(outcome)))
                .recover(e -> Future.succeededFuture(
                        e instanceof OutageSignal s
                                ? (ZohoOutcome<T>) s.outcome
                                : e instanceof OpenCircuitException
                                        // half-open lets one trial call through; the others wait, as when the circuit
                                        // is open
                                        ? new ZohoOutcome.RateLimited<>(
                                                ZohoOutcome.RateLimited.Scope.CIRCUIT_OPEN,
                                                reset,
                                                "Zoho " + product + " circuit is open")
                                        : new ZohoOutcome.Outage<>("Zoho " + product + " circuit: " + e.getMessage())));
    }

    public Map<ZohoProduct, Circuit> states() {
        Map<ZohoProduct, Circuit> states = new EnumMap<>(ZohoProduct.class);
        breakers.forEach((product, breaker) ->
                states.put(product, Circuit.valueOf(breaker.state().name())));
        return states;
    }

    public void close() {
        breakers.values().forEach(CircuitBreaker::close);
    }
}
