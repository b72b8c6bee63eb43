package io.zohosync.adapters.http.admin;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The console's sessions, held in memory by the service: an opaque random id (the cookie's value; the admin token
 * never leaves the sign-in request), the CSRF token the page must echo on every change, who signed in, and when the
 * session ends — a fixed time after sign-in, however busy it is. A restart signs everyone out. At most
 * {@link #MAX_SESSIONS} are kept, the oldest dropped first.
 */
final class ConsoleSessions {

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

    /** Far more than the people who run one integration; bounds what a flood of sign-ins can make us hold. */
    static final int MAX_SESSIONS = 1_000;

    private static final int RANDOM_BYTES = 32;

    /**
     * One signed-in console: {@code caller} is the fingerprint of the token it signed in with, {@code name} who said
     * they sign in (null: not said), the actor of their admin actions.
     */
    record Session(String id, String csrfToken, String caller, String name, long expiresAtMillis) {
        Instant expiresAt() {
            return Instant.ofEpochMilli(expiresAtMillis);
        }
    }

    private final long lifetimeMillis;
    private final LongSupplier clockMillis;
    private final SecureRandom random;
    private final Map<String, Session> byId = new LinkedHashMap<>();

    ConsoleSessions(Duration lifetime, LongSupplier clockMillis, SecureRandom random) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a console session needs a positive lifetime");
        }
        this.lifetimeMillis = lifetime.toMillis();
        this.clockMillis = clockMillis;
        this.random = random;
    }

    long lifetimeSeconds() {
        return lifetimeMillis / 1000;
    }

    synchronized Session open(String caller, String name) {
        Session session =
                new Session(randomToken(), randomToken(), caller, name, clockMillis.getAsLong() + lifetimeMillis);
        byId.put(session.id(), session);
        Iterator<Session> oldest = byId.values().iterator();
        while (byId.size() > MAX_SESSIONS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return session;
    }

    /** The session with this id while it lasts; an ended one is forgotten. */
    synchronized Optional<Session> find(String id) {
        Session session = byId.get(id);
        if (session != null && clockMillis.getAsLong() >= session.expiresAtMillis()) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    synchronized void close(String id) {
        byId.remove(id);
    }

    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
