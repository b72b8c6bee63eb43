package io.zohosync.bootstrap.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Samples a call counter four times a second and tells the most calls seen within any 60 seconds: the calls between
 * two samples at most a minute apart all fell inside one minute, so the figure never overstates the true peak.
 */
final class CallSampler implements AutoCloseable {

    private record Sample(Instant at, int calls) {}

    private final IntSupplier counter;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    CallSampler(IntSupplier counter) {
        this.counter = counter;
        this.thread = new Thread(this::run, "call-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            synchronized (samples) {
                samples.add(new Sample(Instant.now(), counter.getAsInt()));
            }
            Reliability.sleep(Duration.ofMillis(250));
        }
    }

    /** The most calls counted between two samples at most 60 s apart. */
    int peakPerMinute() {
        List<Sample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        int peak = 0;
        int from = 0;
        for (int to = 0; to < copy.size(); to++) {
            while (Duration.between(copy.get(from).at(), copy.get(to).at()).compareTo(Duration.ofSeconds(60)) > 0) {
                from++;
            }
            peak = Math.max(peak, copy.get(to).calls() - copy.get(from).calls());
        }
        return peak;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
    }
}
