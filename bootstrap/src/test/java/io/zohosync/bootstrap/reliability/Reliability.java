package io.zohosync.bootstrap.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reliability suites' common ground: which variant runs ({@code -Dzsync.reliability=long}, set by the
 * {@code reliability} Maven profile; short otherwise) and bounded waits that fail with what they waited for.
 */
final class Reliability {

    private static final Logger LOG = LoggerFactory.getLogger(Reliability.class);

    private Reliability() {}

    /** Whether the long variant runs (the {@code reliability} profile), else the short one that {@code verify} runs. */
    static boolean longVariant() {
        return "long".equals(System.getProperty("zsync.reliability", "short"));
    }

    /** {@code shortValue} in the short variant, {@code longValue} in the long one. */
    static int scaled(int shortValue, int longValue) {
        return longVariant() ? longValue : shortValue;
    }

    /** Waits until {@code done} holds, polling; fails after {@code bound} with {@code what} and the last {@code state}. */
    static Duration await(Duration bound, String what, BooleanSupplier done, Supplier<?> state) {
        Instant start = Instant.now();
        Instant deadline = start.plus(bound);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "not within " + bound.toSeconds() + " s: " + what + "; last seen: " + state.get());
            }
            sleep(Duration.ofMillis(200));
        }
        return Duration.between(start, Instant.now());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Seconds with one decimal, for the figures the suites print. */
    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * A figure for the report: logged as {@code [reliability] suite: name = value} and appended to
     * {@code target/reliability-figures.txt}.
     */
    static void figure(String suite, String name, Object value) {
        String line = "[reliability] " + (longVariant() ? "long " : "short ") + suite + ": " + name + " = " + value;
        LOG.info(line);
        try {
            Files.writeString(
                    Path.of("target", "reliability-figures.txt"),
                    line + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("could not keep the figure in target/reliability-figures.txt: {}", e.toString());
        }
    }
}
