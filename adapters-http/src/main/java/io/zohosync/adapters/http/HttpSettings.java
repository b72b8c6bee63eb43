package io.zohosync.adapters.http;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the HTTP surface guards itself: the platform's API keys, the admin token, the largest request body
 * accepted, how many requests are served at once, the token {@code /metrics} asks for (none: open), and how
 * many wrong credentials an address may present in a window before it is refused for the rest of it.
 */
public record HttpSettings(
        Set<String> apiKeys,
        String adminToken,
        long bodyLimitBytes,
        int maxInFlight,
        Optional<String> metricsToken,
        int maxFailedSignIns,
        Duration failedSignInWindow) {

    public static final long DEFAULT_BODY_LIMIT = 64 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final int DEFAULT_MAX_FAILED_SIGN_INS = 10;
    public static final Duration DEFAULT_FAILED_SIGN_IN_WINDOW = Duration.ofMinutes(1);

    /** The defaults for everything but the credentials and the body limit. */
    public HttpSettings(Set<String> apiKeys, String adminToken, long bodyLimitBytes) {
        this(
                apiKeys,
                adminToken,
                bodyLimitBytes,
                DEFAULT_MAX_IN_FLIGHT,
                Optional.empty(),
                DEFAULT_MAX_FAILED_SIGN_INS,
                DEFAULT_FAILED_SIGN_IN_WINDOW);
    }

    public HttpSettings {
        apiKeys = Set.copyOf(apiKeys);
        if (apiKeys.isEmpty() || apiKeys.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("at least one non-blank API key is required");
        }
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        if (bodyLimitBytes < 1) {
            throw new IllegalArgumentException("bodyLimitBytes must be positive");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
        if (metricsToken.isPresent() && metricsToken.get().isBlank()) {
            throw new IllegalArgumentException("a metrics token, when set, must not be blank");
        }
        if (maxFailedSignIns < 1 || failedSignInWindow.isNegative() || failedSignInWindow.isZero()) {
            throw new IllegalArgumentException(
                    "the failed sign-in limit needs at least one attempt and a positive window");
        }
    }

    public HttpSettings withMaxInFlight(int max) {
        return new HttpSettings(
                apiKeys, adminToken, bodyLimitBytes, max, metricsToken, maxFailedSignIns, failedSignInWindow);
    }

    public HttpSettings withMetricsToken(String token) {
        return new HttpSettings(
                apiKeys,
                adminToken,
                bodyLimitBytes,
                maxInFlight,
                Optional.of(token),
                maxFailedSignIns,
                failedSignInWindow);
    }

    public HttpSettings withFailedSignIns(int max, Duration window) {
        return new HttpSettings(apiKeys, adminToken, bodyLimitBytes, maxInFlight, metricsToken, max, window);
    }

    @Override
    public String toString() {
        return "HttpSettings[apiKeys=" + apiKeys.size() + " configured, adminToken=***, bodyLimitBytes="
                + bodyLimitBytes + ", maxInFlight=" + maxInFlight + ", metricsToken="
                + (metricsToken.isPresent() ? "***" : "none") + ", maxFailedSignIns=" + maxFailedSignIns
                + " per " + failedSignInWindow + "]";
    }
}
