package io.zohosync.sandbox.core;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Zoho Accounts' token state: refresh tokens per client (20 at most, the oldest evicted with its access
 * tokens), access tokens per refresh token (10 active at most, the oldest invalidated), one-hour lifetime.
 */
public final class TokenRegistry {
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    public static final int REFRESH_TOKENS_PER_CLIENT = 20;
    public static final int ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN = 10;

    /** What an API sees when it looks at a presented access token. */
    public enum Check {
        VALID,
        EXPIRED,
        UNKNOWN
    }

    /** A refresh token and the client it was issued to. */
    public record RefreshGrant(String token, String clientId, String scope) {}

    private record AccessGrant(String token, String refreshToken, Instant expiresAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, RefreshGrant> refreshTokens = new LinkedHashMap<>();
    private final Map<String, Deque<String>> accessByRefresh = new HashMap<>();
    private final Map<String, AccessGrant> accessTokens = new HashMap<>();

    /** Registers a known refresh token (the demo one) without counting it as newly issued. */
    public synchronized void seed(String clientId, String refreshToken, String scope) {
        store(new RefreshGrant(refreshToken, clientId, scope));
    }

    public synchronized RefreshGrant issueRefreshToken(String clientId, String scope) {
        RefreshGrant grant = new RefreshGrant(newToken(), clientId, scope);
        store(grant);
        return grant;
    }

    public synchronized Optional<RefreshGrant> refreshGrant(String refreshToken) {
        return Optional.ofNullable(refreshTokens.get(refreshToken));
    }

    public synchronized String issueAccessToken(String refreshToken, Instant now) {
        Deque<String> active = accessByRefresh.computeIfAbsent(refreshToken, k -> new ArrayDeque<>());
        active.removeIf(token -> !accessTokens.get(token).expiresAt().isAfter(now));
        while (active.size() >= ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN) {
            accessTokens.remove(active.removeFirst());
        }
        String token = newToken();
        accessTokens.put(token, new AccessGrant(token, refreshToken, now.plus(ACCESS_TOKEN_LIFETIME)));
        active.addLast(token);
        return token;
    }

    public synchronized Check check(String accessToken, Instant now) {
        AccessGrant grant = accessTokens.get(accessToken);
        if (grant == null) return Check.UNKNOWN;
        return grant.expiresAt().isAfter(now) ? Check.VALID : Check.EXPIRED;
    }

    /** Revokes a refresh token (with its access tokens) or a single access token; false when unknown. */
    public synchronized boolean revoke(String token) {
        if (refreshTokens.containsKey(token)) {
            drop(token);
            return true;
        }
        AccessGrant grant = accessTokens.remove(token);
        if (grant == null) return false;
        accessByRefresh.getOrDefault(grant.refreshToken(), new ArrayDeque<>()).remove(token);
        return true;
    }

    /** Makes every issued access token expired, as if an hour had passed for them. */
    public synchronized void expireAccessTokens(Instant now) {
        accessTokens.replaceAll((token, grant) -> new AccessGrant(token, grant.refreshToken(), now));
    }

    public synchronized List<String> refreshTokensOf(String clientId) {
        List<String> tokens = new ArrayList<>();
        refreshTokens.values().forEach(grant -> {
            if (grant.clientId().equals(clientId)) tokens.add(grant.token());
        });
        return tokens;
    }

    private void store(RefreshGrant grant) {
        List<String> ofClient = refreshTokensOf(grant.clientId());
        for (int i = 0; i <= ofClient.size() - REFRESH_TOKENS_PER_CLIENT; i++) {
            drop(ofClient.get(i));
        }
        refreshTokens.put(grant.token(), grant);
    }

    private void drop(String refreshToken) {
        refreshTokens.remove(refreshToken);
        Deque<String> active = accessByRefresh.remove(refreshToken);
        if (active != null) active.forEach(accessTokens::remove);
    }

    /** Shaped like Zoho's access and refresh tokens: {@code 1000.<32 hex>.<32 hex>}. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        return "1000." + hex.substring(0, 32) + "." + hex.substring(32);
    }
}
