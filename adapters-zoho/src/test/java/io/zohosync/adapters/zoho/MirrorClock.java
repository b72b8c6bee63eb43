package io.zohosync.adapters.zoho;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock running at the sandbox's time scale, moved forward together with it, so both see the same windows. */
public final class MirrorClock extends Clock {

    private Instant base = Instant.now();
    private long baseNanos = System.nanoTime();
    private double scale;

    MirrorClock(double scale) {
        this.scale = scale;
    }

    @Override
    public synchronized Instant instant() {
        return base.plusNanos((long) ((System.nanoTime() - baseNanos) * scale));
    }

    public synchronized void advance(Duration d) {
        base = base.plus(d);
    }

    /** Real time for {@code sandboxTime} at this clock's scale. */
    public synchronized Duration real(Duration sandboxTime) {
        return Duration.ofNanos((long) (sandboxTime.toNanos() / scale));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
