package io.zohosync.sandbox.core;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Everything a mounted product shares: clock, settings, tokens, limits, ids and the recorder for inspection. */
public final class SandboxContext {
    private final Vertx vertx;
    private final SandboxClock clock;
    private final SandboxSettings settings;
    private final TokenRegistry tokens;
    private final Recorder recorder = new Recorder();
    private final FixedWindowLimiter limiter = new FixedWindowLimiter();
    private final Ids ids = new Ids();
    private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile String baseUrl = "";

    /** A context whose token state is {@code tokens}: a reset sandbox keeps the tokens it issued before. */
    public SandboxContext(Vertx vertx, SandboxClock clock, SandboxSettings settings, TokenRegistry tokens) {
        this.vertx = vertx;
        this.clock = clock;
        this.settings = settings;
        this.tokens = tokens;
    }

    public Vertx vertx() {
        return vertx;
    }

    public SandboxClock clock() {
        return clock;
    }

    public SandboxSettings settings() {
        return settings;
    }

    public TokenRegistry tokens() {
        return tokens;
    }

    public Recorder recorder() {
        return recorder;
    }

    public FixedWindowLimiter limiter() {
        return limiter;
    }

    public Ids ids() {
        return ids;
    }

    /** Requests in process for one product and organization, shared by all the product's routes. */
    public AtomicInteger inFlight(String key) {
        return inFlight.computeIfAbsent(key, k -> new AtomicInteger());
    }

    /** {@code http://127.0.0.1:<port>}, known once the server listens; it is also the token's {@code api_domain}. */
    public String baseUrl() {
        return baseUrl;
    }

    public void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The one instance of {@code type} in this sandbox (product state, the webhook sender), created on first use. */
    public <T> T shared(Class<T> type, Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, k -> create.get()));
    }

    /** The instance of {@code type} in this sandbox if one was created, without creating it. */
    public <T> Optional<T> existing(Class<T> type) {
        return Optional.ofNullable(type.cast(shared.get(type)));
    }

    /** Routes of one product, each behind the product's {@link ApiGuard}. */
    public ApiRoutes routes(Router router, ProductPolicy policy) {
        return new ApiRoutes(router, new ApiGuard(this, policy));
    }
}
