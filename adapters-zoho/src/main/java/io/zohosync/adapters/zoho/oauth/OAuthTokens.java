package io.zohosync.adapters.zoho.oauth;

import io.vertx.core.Future;
import io.zohosync.ports.out.zoho.TokenStore;
import io.zohosync.ports.out.zoho.ZohoConnectionState.Status;
import io.zohosync.ports.out.zoho.ZohoOutcome.RateLimited.Scope;
import io.zohosync.ports.out.zoho.ZohoTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's access token: cached, refreshed ahead of expiry, one refresh at a time in this process
 * (a shared in-flight future) and across instances (the token store's lock, under which the stored
 * tokens are read again before Zoho is asked). At most nine refreshes per refresh token in ten minutes.
 */
public final class OAuthTokens {

    static final int MAX_REFRESHES_PER_WINDOW = 9;
    static final Duration FAILED_REFRESH_PAUSE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(OAuthTokens.class);
    private static final Duration EXPIRY_SAFETY = Duration.ofSeconds(10);

    private final OAuthSettings settings;
    private final TokenStore store;
    private final AccountsClient accounts;
    private final Clock clock;
    private volatile ZohoTokens current;
    private volatile String refused;
    private Future<ZohoTokens> inFlight;

    public OAuthTokens(OAuthSettings settings, TokenStore store, AccountsClient accounts, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Reads the stored connection (after a restart, or tokens another instance saved) without asking Zoho. */
    public Future<Void> load() {
        return store.load(settings.connectionId())
                .onSuccess(t -> t.ifPresent(tokens -> current = withoutRefused(tokens)))
                .mapEmpty();
    }

    /** A usable access token; refreshes first when the cached one is missing or about to expire. */
    public Future<AccessToken> accessToken() {
        ZohoTokens t = current;
        Instant now = clock.instant();
        if (t != null && t.accessTokenValid(now, settings.refreshAhead())) {
            return Future.succeededFuture(token(t));
        }
        if (t != null && t.accessTokenValid(now, EXPIRY_SAFETY)) {
            // refresh ahead in the background; the current token still serves this call
            refresh(null)
                    .onFailure(
                            e -> LOG.warn("Refreshing the Zoho access token ahead of expiry failed: {}", e.toString()));
            return Future.succeededFuture(token(t));
        }
        return refresh(null).compose(fresh -> usable(fresh, null));
    }

    /**
     * Zoho refused {@code rejected} (HTTP 401): it is never sent again. It is dropped here at once and from the store
     * under its lock (so no other instance picks it up), then replaced by one refresh unless another caller already
     * did; when the refresh is withheld or throttled, calls wait for the cool-down and then refresh.
     */
    public Future<AccessToken> replace(AccessToken rejected) {
        String token = rejected.token();
        refused = token;
        current = withoutRefused(current);
        return refresh(token)
                // a refresh already under way when Zoho refused the token did not know, and may answer it again
                .compose(t -> token.equals(t.accessToken()) ? refresh(token) : Future.succeededFuture(t))
                .compose(fresh -> usable(fresh, token));
    }

    /** Zoho refused even a fresh token: only a reconnect helps now. */
    public Future<Void> markReconnectNeeded() {
        return store.update(
                        settings.connectionId(),
                        stored -> Future.succeededFuture(
                                stored.map(OAuthTokens::needingReconnect).orElseThrow()))
                .recover(OAuthTokens::storeFailed)
                .onSuccess(t -> current = t)
                .mapEmpty();
    }

    /** Replaces the connection's tokens with those a completed authorization-code exchange issued. */
    Future<ZohoTokens> connected(ZohoTokens tokens) {
        return store.update(settings.connectionId(), ignored -> Future.succeededFuture(tokens))
                .onSuccess(t -> current = t);
    }

    public Status status(Instant now) {
        ZohoTokens t = current;
        if (t == null) {
            return settings.refreshToken() == null ? Status.NOT_CONNECTED : Status.CONNECTED;
        }
        if (t.reconnectNeeded()) {
            return Status.RECONNECT_NEEDED;
        }
        if (t.coolDownUntil() != null && now.isBefore(t.coolDownUntil())) {
            return Status.COOLING_DOWN;
        }
        return Status.CONNECTED;
    }

    public Optional<ZohoTokens> cached() {
        return Optional.ofNullable(current);
    }

    private String apiBase(ZohoTokens t) {
        if (settings.apiUrl() != null) {
            return settings.apiUrl();
        }
        return t.apiDomain() != null ? t.apiDomain().replaceAll("/+$", "") : settings.dataCentreApiUrl();
    }

    private AccessToken token(ZohoTokens t) {
        return new AccessToken(t.accessToken(), apiBase(t));
    }

    private synchronized Future<ZohoTokens> refresh(String rejected) {
        if (inFlight != null) {
            return inFlight;
        }
        // bounded: waiting for another instance's lock plus one Accounts call, so a stuck refresh cannot hold every
        // caller
        Future<ZohoTokens> f = store.update(settings.connectionId(), stored -> decide(stored, rejected))
                .timeout(
                        settings.requestTimeout().multipliedBy(2).toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS)
                .recover(OAuthTokens::storeFailed);
        inFlight = f;
        f.onComplete(ar -> {
            if (ar.succeeded()) {
                current = withoutRefused(ar.result());
            }
            synchronized (this) {
                inFlight = null;
            }
        });
        return f;
    }

    /** Runs under the store's lock: decides from the stored tokens whether Zoho must be asked at all. */
    private Future<ZohoTokens> decide(Optional<ZohoTokens> stored, String rejected) {
        Optional<ZohoTokens> known = stored.or(() -> Optional.ofNullable(settings.refreshToken())
                .map(rt -> ZohoTokens.ofRefreshToken(rt, null, settings.accountsUrl())));
        if (known.isEmpty()) {
            return Future.failedFuture(
                    ZohoUnavailable.auth("Zoho is not connected: no refresh token configured or stored"));
        }
        // the refused token leaves the store with this update, whether or not Zoho is asked for a new one
        ZohoTokens t = rejected != null && rejected.equals(known.get().accessToken())
                ? withoutAccessToken(known.get())
                : known.get();
        Instant now = clock.instant();
        if (t.reconnectNeeded() || t.accessTokenValid(now, settings.refreshAhead())) {
            return Future.succeededFuture(t);
        }
        if (t.coolDownUntil() != null && now.isBefore(t.coolDownUntil())) {
            return Future.succeededFuture(t);
        }
        List<Instant> window = t.refreshesWithinWindow(now);
        if (window.size() >= MAX_REFRESHES_PER_WINDOW) {
            LOG.warn("Zoho token refresh withheld: {} refreshes in the last ten minutes", window.size());
            return Future.succeededFuture(withCoolDown(t, window, window.get(0).plus(ZohoTokens.REFRESH_WINDOW)));
        }
        List<Instant> attempted = new ArrayList<>(window);
        attempted.add(now);
        // a configured accounts URL wins: the built-in sandbox listens on another port after every restart, while the
        // tokens in the database still name the one it had
        String server = settings.accountsUrlConfigured() || t.accountsServer() == null
                ? settings.accountsUrl()
                : t.accountsServer();
        return accounts.refresh(server, t.refreshToken()).map(answer -> apply(t, attempted, now, answer));
    }

    private ZohoTokens apply(ZohoTokens t, List<Instant> attempted, Instant now, AccountsClient.Answer answer) {
        if (answer instanceof AccountsClient.Answer.Issued i) {
            return new ZohoTokens(
                    i.refreshToken() != null ? i.refreshToken() : t.refreshToken(),
                    i.accessToken(),
                    now.plus(i.expiresIn()),
                    i.apiDomain() != null ? i.apiDomain() : t.apiDomain(),
                    t.accountsServer(),
                    attempted,
                    null,
                    false);
        }
        if (answer instanceof AccountsClient.Answer.Throttled th) {
            LOG.warn("Zoho throttled token refresh ({}); cooling down for ten minutes", th.description());
            return withCoolDown(t, attempted, now.plus(ZohoTokens.REFRESH_WINDOW));
        }
        if (answer instanceof AccountsClient.Answer.Rejected r) {
            LOG.error("Zoho rejected the refresh token ({}); the organization must be reconnected", r.error());
            return new ZohoTokens(
                    t.refreshToken(), null, null, t.apiDomain(), t.accountsServer(), attempted, null, true);
        }
        // a pause before the next try, so a short Accounts outage cannot use up the nine refreshes of the window
        LOG.warn(
                "Zoho token refresh failed: {}; next try in {} s",
                ((AccountsClient.Answer.Failed) answer).message(),
                FAILED_REFRESH_PAUSE.toSeconds());
        return new ZohoTokens(
                t.refreshToken(),
                t.accessToken(),
                t.accessTokenExpiresAt(),
                t.apiDomain(),
                t.accountsServer(),
                attempted,
                now.plus(FAILED_REFRESH_PAUSE),
                false);
    }

    private Future<AccessToken> usable(ZohoTokens t, String rejected) {
        Instant now = clock.instant();
        if (t.reconnectNeeded()) {
            return Future.failedFuture(
                    ZohoUnavailable.auth("Zoho refused the connection's credentials: reconnect needed"));
        }
        if (t.accessTokenValid(now, EXPIRY_SAFETY) && !t.accessToken().equals(rejected)) {
            return Future.succeededFuture(token(t));
        }
        if (t.coolDownUntil() != null && now.isBefore(t.coolDownUntil())) {
            return Future.failedFuture(ZohoUnavailable.rateLimited(
                    Scope.TOKEN_REFRESH,
                    Duration.between(now, t.coolDownUntil()),
                    "Zoho token refresh is cooling down"));
        }
        return Future.failedFuture(ZohoUnavailable.outage("Zoho Accounts did not issue an access token"));
    }

    /**
     * The token store failed (e.g. tokens encrypted with a key no longer configured, or its database unreachable), not
     * Zoho: no call can be made until an operator fixes it, so it is an auth failure, never an outage the breaker counts.
     * Failures this class decided on ({@link ZohoUnavailable}) pass through the store unchanged.
     */
    private static <T> Future<T> storeFailed(Throwable e) {
        return Future.failedFuture(
                e instanceof ZohoUnavailable
                        ? e
                        : ZohoUnavailable.auth("the Zoho token store failed (not Zoho): "
                                + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private static ZohoTokens withCoolDown(ZohoTokens t, List<Instant> refreshes, Instant until) {
        return new ZohoTokens(
                t.refreshToken(),
                t.accessToken(),
                t.accessTokenExpiresAt(),
                t.apiDomain(),
                t.accountsServer(),
                refreshes,
                until,
                t.reconnectNeeded());
    }

    /** The tokens without the access token Zoho refused last, if they still hold it. */
    private ZohoTokens withoutRefused(ZohoTokens t) {
        String token = refused;
        return t != null && token != null && token.equals(t.accessToken()) ? withoutAccessToken(t) : t;
    }

    private static ZohoTokens withoutAccessToken(ZohoTokens t) {
        return new ZohoTokens(
                t.refreshToken(),
                null,
                null,
                t.apiDomain(),
                t.accountsServer(),
                t.refreshedAt(),
                t.coolDownUntil(),
                t.reconnectNeeded());
    }

    private static ZohoTokens needingReconnect(ZohoTokens t) {
        return new ZohoTokens(
                t.refreshToken(),
                null,
                null,
                t.apiDomain(),
                t.accountsServer(),
                t.refreshedAt(),
                t.coolDownUntil(),
                true);
    }
}
