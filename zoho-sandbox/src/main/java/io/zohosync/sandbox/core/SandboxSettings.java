package io.zohosync.sandbox.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** The sandbox's identity (client, organization, data centre) and the switches tests may flip while it runs. */
public final class SandboxSettings {
    /** Requests per minute per organization when a product sets none (Zoho Books' documented number). */
    public static final int DEFAULT_PER_MINUTE = 100;

    private final String clientId;
    private final String clientSecret;
    private final String organizationId;
    private final String location;
    private final Map<String, Integer> perMinute = new ConcurrentHashMap<>();
    private final Deque<Fault> forcedFaults = new ArrayDeque<>();
    private volatile Duration latency;
    private volatile double errorRate;
    private volatile Set<Fault> faults;
    private volatile int dailyLimit;
    private volatile int concurrency;
    private volatile boolean strict;
    private volatile String baseCurrency = "USD";

    public SandboxSettings(
            String clientId,
            String clientSecret,
            String organizationId,
            String location,
            Duration latency,
            double errorRate,
            Set<Fault> faults,
            int dailyLimit,
            int concurrency,
            boolean strict) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.organizationId = organizationId;
        this.location = location;
        this.latency = latency;
        errorRate(errorRate, faults);
        this.dailyLimit = dailyLimit;
        this.concurrency = concurrency;
        this.strict = strict;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String organizationId() {
        return organizationId;
    }

    public String location() {
        return location;
    }

    public Duration latency() {
        return latency;
    }

    public int dailyLimit() {
        return dailyLimit;
    }

    public int concurrency() {
        return concurrency;
    }

    public boolean strict() {
        return strict;
    }

    /** The organization's base currency (ISO 4217): what a contact created without a currency is billed in. */
    public String baseCurrency() {
        return baseCurrency;
    }

    public void baseCurrency(String code) {
        this.baseCurrency = java.util.Currency.getInstance(code).getCurrencyCode();
    }

    public int perMinute(String product) {
        return perMinute.getOrDefault(product, DEFAULT_PER_MINUTE);
    }

    public void perMinute(String product, int limit) {
        perMinute.put(product, positive(limit));
    }

    public void latency(Duration latency) {
        if (latency.isNegative()) throw new IllegalArgumentException("latency must not be negative");
        this.latency = latency;
    }

    public void errorRate(double rate, Set<Fault> kinds) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException("error rate must be in [0,1]: " + rate);
        // the outages by default; a 429 is a limit, not an outage, and only injected when named
        this.faults =
                kinds.isEmpty() ? EnumSet.complementOf(EnumSet.of(Fault.TOO_MANY_REQUESTS)) : EnumSet.copyOf(kinds);
        this.errorRate = rate;
    }

    public void dailyLimit(int limit) {
        this.dailyLimit = positive(limit);
    }

    public void concurrency(int limit) {
        this.concurrency = positive(limit);
    }

    public void strict(boolean strict) {
        this.strict = strict;
    }

    public synchronized void failNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) forcedFaults.addLast(fault);
    }

    /** The fault to inject into the current call, if any: forced ones first, then by the error rate. */
    public synchronized Fault nextFault() {
        if (!forcedFaults.isEmpty()) return forcedFaults.removeFirst();
        if (errorRate == 0 || ThreadLocalRandom.current().nextDouble() >= errorRate) return null;
        Fault[] kinds = faults.toArray(Fault[]::new);
        return kinds[ThreadLocalRandom.current().nextInt(kinds.length)];
    }

    private static int positive(int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
        return limit;
    }
}
