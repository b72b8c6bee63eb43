package io.zohosync.ports.connect;

import io.vertx.core.Future;
import io.zohosync.ports.in.ConnectZohoUseCase;
import io.zohosync.ports.out.ConsentStates;
import io.zohosync.ports.out.zoho.ZohoAuthorization;
import io.zohosync.ports.out.zoho.ZohoConnectionState;
import io.zohosync.ports.out.zoho.ZohoOutcome;
import io.zohosync.ports.out.zoho.ZohoProduct;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Use case: the consent flow. The {@code state} sent to Zoho is {@code nonce.expiry.hmac}, signed
 * with a key every instance shares: a forged or stale one is refused before any I/O. The nonce is
 * also stored, shared by all instances, and consumed by the first callback that carries it, so a
 * callback URL seen later (a proxy log, browser history) cannot be replayed.
 */
public final class ZohoConnectionService implements ConnectZohoUseCase {

    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ZohoAuthorization authorization;
    private final Set<ZohoProduct> products;
    private final ConsentStates states;
    private final Supplier<Future<ZohoConnectionState>> connection;
    private final Supplier<Future<?>> reconnected;
    private final byte[] stateKey;
    private final Clock clock;

    /**
     * {@code products}: those the service writes to, whose scopes the consent asks for. {@code stateSecret}: a secret
     * all instances share (the token-encryption keys serve); only a key derived from it is used. {@code reconnected}
     * runs after a successful connect (it wakes the work deferred for the connection).
     */
    public ZohoConnectionService(
            ZohoAuthorization authorization,
            Set<ZohoProduct> products,
            ConsentStates states,
            Supplier<Future<ZohoConnectionState>> connection,
            Supplier<Future<?>> reconnected,
            String stateSecret,
            Clock clock) {
        this.authorization = authorization;
        this.products = Set.copyOf(products);
        this.states = states;
        this.connection = connection;
        this.reconnected = reconnected;
        this.stateKey = derive(stateSecret);
        this.clock = clock;
    }

    @Override
    public Future<String> consentUrl() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(STATE_LIFETIME);
        String payload = nonce + "." + expires.getEpochSecond();
        return states.issue(nonce, expires, now)
                .map(x -> authorization.authorizeUrl(payload + "." + sign(payload), products));
    }

    @Override
    public Future<ConnectOutcome> finish(String code, String location, String accountsServer, String state) {
        String problem = checkState(state);
        if (problem != null) {
            return Future.succeededFuture(new ConnectOutcome.InvalidState(problem));
        }
        if (code == null || code.isBlank()) {
            return Future.succeededFuture(
                    new ConnectOutcome.Refused("missing_code", "Zoho sent no code: was consent declined?"));
        }
        return states.consume(state.split("\\.")[0], clock.instant())
                .compose(fresh -> fresh
                        ? exchange(code, location, accountsServer)
                        : Future.succeededFuture(new ConnectOutcome.InvalidState(
                                "this consent was already used or never started; connect again")));
    }

    private Future<ConnectOutcome> exchange(String code, String location, String accountsServer) {
        return authorization.connect(code, location, accountsServer).compose(outcome -> {
            if (outcome instanceof ZohoOutcome.Success<ZohoConnectionState> ok) {
                ConnectOutcome connected = new ConnectOutcome.Connected(ok.value());
                return reconnected.get().transform(woken -> Future.succeededFuture(connected));
            }
            return Future.succeededFuture(refusal(outcome));
        });
    }

    private static ConnectOutcome refusal(ZohoOutcome<ZohoConnectionState> outcome) {
        if (outcome instanceof ZohoOutcome.Validation<ZohoConnectionState> v) {
            return new ConnectOutcome.Refused("untrusted_accounts_server", v.message());
        }
        if (outcome instanceof ZohoOutcome.AuthFailure<ZohoConnectionState> a) {
            return new ConnectOutcome.Refused("invalid_code", a.message() + "; connect again");
        }
        return new ConnectOutcome.Refused(
                "zoho_unavailable", "Zoho did not complete the exchange; connect again in a moment");
    }

    @Override
    public Future<ZohoConnectionState> connection() {
        return connection.get();
    }

    private String checkState(String state) {
        String[] parts = state == null ? new String[0] : state.split("\\.");
        if (parts.length != 3) {
            return "the state is missing or malformed";
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(
                sign(payload).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return "the state was not issued by this service";
        }
        try {
            if (clock.instant().isAfter(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
                return "the consent took longer than " + STATE_LIFETIME.toMinutes() + " minutes; connect again";
            }
        } catch (NumberFormatException e) {
            return "the state is malformed";
        }
        return null;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(stateKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static byte[] derive(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("zoho-sync consent state\n" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
