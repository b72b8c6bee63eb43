package io.zohosync.sandbox;

import io.zohosync.sandbox.core.Fault;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Start-up settings of a {@link ZohoSandbox}; most can later be changed through {@link SandboxControl}. Empty {@code faults} means every kind. */
public record SandboxOptions(
        int port,
        String clientId,
        String clientSecret,
        String refreshToken,
        String organizationId,
        DataCentre dataCentre,
        Duration latency,
        double errorRate,
        Set<Fault> faults,
        double timeScale,
        int booksPerMinute,
        int dailyLimit,
        int concurrency,
        boolean strict) {

    public SandboxOptions {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(dataCentre, "dataCentre");
        Objects.requireNonNull(latency, "latency");
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (errorRate < 0 || errorRate > 1)
            throw new IllegalArgumentException("errorRate must be in [0,1]: " + errorRate);
        if (timeScale <= 0) throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
        if (booksPerMinute < 1 || dailyLimit < 1 || concurrency < 1)
            throw new IllegalArgumentException("limits must be positive");
    }

    public static final String DEMO_CLIENT_ID = "1000.SANDBOXDEMOCLIENT";
    public static final String DEMO_CLIENT_SECRET = "sandbox-demo-secret";
    /** Shaped like Zoho's refresh tokens, {@code 1000.<32 hex>.<32 hex>}: Zoho's CRM Java SDK slices the last 32 characters. */
    public static final String DEMO_REFRESH_TOKEN =
            "1000.5a9d0be5c0e1f5d3a6b7c8d9e0f1a2b3.4c5d6e7f8091a2b3c4d5e6f708192a3b";

    public static final String DEMO_ORGANIZATION_ID = "10234695";

    /** Random port, demo credentials, organization 10234695, US, Zoho's Free-plan limits, no faults, real time. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(
                0,
                DEMO_CLIENT_ID,
                DEMO_CLIENT_SECRET,
                DEMO_REFRESH_TOKEN,
                DEMO_ORGANIZATION_ID,
                DataCentre.US,
                Duration.ZERO,
                0,
                Set.of(),
                1,
                100,
                1000,
                10,
                false);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withCredentials(String clientId, String clientSecret, String refreshToken) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withOrganizationId(String organizationId) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withDataCentre(DataCentre dataCentre) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withLatency(Duration latency) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    /** Fails this share of API calls with one of {@code faults} (all kinds when none is given). */
    public SandboxOptions withErrorRate(double errorRate, Fault... faults) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                Set.of(faults),
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    /** Sandbox seconds per real second: 60 makes a Zoho minute pass in one real second. */
    public SandboxOptions withTimeScale(double timeScale) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withBooksPerMinute(int booksPerMinute) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withDailyLimit(int dailyLimit) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    public SandboxOptions withConcurrency(int concurrency) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }

    /** Strict mode answers 400 to any request Zoho's documents do not allow (unknown query parameters, bodies where none is taken, ...). */
    public SandboxOptions withStrict(boolean strict) {
        return new SandboxOptions(
                port,
                clientId,
                clientSecret,
                refreshToken,
                organizationId,
                dataCentre,
                latency,
                errorRate,
                faults,
                timeScale,
                booksPerMinute,
                dailyLimit,
                concurrency,
                strict);
    }
}
