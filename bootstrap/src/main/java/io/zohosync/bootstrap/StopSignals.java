package io.zohosync.bootstrap;

import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) start the service's graceful stop themselves, rather than leaving the JVM to run every
 * shutdown hook at once. The embedded PostgreSQL registers a hook of its own that stops the database at once
 * ({@code pg_ctl stop -m fast}); run beside the service's stop, it cut the connections the stop was still using, and
 * the worker could not hand its jobs back. Handled here, the service stops first, its embedded database last, and
 * only then does the process exit, with the status a death by that signal gives (128 + its number).
 *
 * <p>The JDK has no supported API for signals; {@code sun.misc.Signal} is in {@code jdk.unsupported}, the module kept
 * for such uses, and javac warns of it at every build.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    /**
     * Hands SIGTERM and SIGINT to {@code stop} (given the signal's number, on a thread of its own, which it may
     * block until the service has stopped). A signal the JVM keeps for itself ({@code -Xrs}) stays as it was: it
     * runs the shutdown hooks.
     */
    static void install(IntConsumer stop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> stop.accept(signal.getNumber()));
            } catch (IllegalArgumentException kept) {
                LOG.debug("SIG{} is the JVM's: it stops the service through the shutdown hook", name);
            }
        }
    }
}
