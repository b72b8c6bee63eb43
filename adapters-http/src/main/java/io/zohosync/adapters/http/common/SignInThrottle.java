package io.zohosync.adapters.http.common;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down guessing: a remote address that presented {@code maxFailures} wrong credentials within
 * {@code window} is refused (429 {@code too_many_failed_attempts}, with {@code Retry-After}) until that
 * window has passed, whatever it presents meanwhile. Nothing waits or blocks: a refusal is an answer. At
 * most {@link #MAX_ADDRESSES} addresses are remembered, the oldest forgotten first.
 */
public final class SignInThrottle {

    /** Enough for a large fleet of callers; bounds what a scan from many addresses can make us remember. */
    static final int MAX_ADDRESSES = 10_000;

    private record Failures(long windowStartMillis, int count) {}

    private final int maxFailures;
    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>();

    public SignInThrottle(int maxFailures, Duration window, LongSupplier clockMillis) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a sign-in limit needs at least one failure and a positive window");
        }
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clockMillis = clockMillis;
    }

    /** Whole seconds until {@code address} may try again; 0 when it may now. */
    public synchronized long refusedForSeconds(String address) {
        Failures failures = current(address);
        if (failures == null || failures.count() < maxFailures) {
            return 0;
        }
        long left = failures.windowStartMillis() + windowMillis - clockMillis.getAsLong();
        return Math.max(1, (left + 999) / 1000);
    }

    /** Notes a wrong credential from {@code address}. */
    public synchronized void failed(String address) {
        Failures failures = current(address);
        byAddress.put(
                address,
                failures == null
                        ? new Failures(clockMillis.getAsLong(), 1)
                        : new Failures(failures.windowStartMillis(), failures.count() + 1));
        forgetBeyondCapacity();
    }

    private Failures current(String address) {
        Failures failures = byAddress.get(address);
        if (failures != null && clockMillis.getAsLong() - failures.windowStartMillis() >= windowMillis) {
            byAddress.remove(address);
            return null;
        }
        return failures;
    }

    private void forgetBeyondCapacity() {
        Iterator<Failures> oldest = byAddress.values().iterator();
        while (byAddress.size() > MAX_ADDRESSES && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
