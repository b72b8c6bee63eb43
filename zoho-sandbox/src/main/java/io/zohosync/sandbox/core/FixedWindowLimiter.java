package io.zohosync.sandbox.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts hits per key in fixed windows that open with the first hit: once {@code limit} hits are in,
 * every further hit is refused until the window closes ("blocked for the rest of the window").
 */
public final class FixedWindowLimiter {
    private record Window(Instant start, int hits) {}

    private final Map<String, Window> windows = new HashMap<>();

    /** Counts a hit and answers true, or answers false (not counting it) when the key's window is full. */
    public synchronized boolean tryHit(String key, int limit, Duration length, Instant now) {
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.start().plus(length))) {
            window = new Window(now, 0);
        }
        if (window.hits() >= limit) {
            windows.put(key, window);
            return false;
        }
        windows.put(key, new Window(window.start(), window.hits() + 1));
        return true;
    }

    /** What the key's window holds at {@code now}: its hits and when it closes (an unopened window would close {@code length} from now). */
    public synchronized Usage usage(String key, Duration length, Instant now) {
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.start().plus(length))) {
            return new Usage(0, now.plus(length));
        }
        return new Usage(window.hits(), window.start().plus(length));
    }

    /** Value: the hits a window holds and the moment it closes. */
    public record Usage(int hits, Instant closes) {}

    public synchronized void clear() {
        windows.clear();
    }
}
