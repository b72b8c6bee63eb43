package io.zohosync.sandbox.core;

import java.time.Duration;
import java.time.Instant;

/** The sandbox's own time: real time sped up by a scale, plus manual jumps; every Zoho window is measured on it. */
public final class SandboxClock {
    private Instant base = Instant.now();
    private long baseNanos = System.nanoTime();
    private double scale;

    public SandboxClock(double scale) {
        this.scale = scale;
    }

    public synchronized Instant now() {
        long elapsed = System.nanoTime() - baseNanos;
        return base.plusNanos((long) (elapsed * scale));
    }

    public synchronized void advance(Duration duration) {
        base = base.plus(duration);
    }

    public synchronized void scale(double newScale) {
        if (newScale <= 0) throw new IllegalArgumentException("time scale must be positive: " + newScale);
        base = now();
        baseNanos = System.nanoTime();
        scale = newScale;
    }

    public synchronized double scale() {
        return scale;
    }
}
