package io.zohosync.bootstrap;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ZSYNC_SCHEDULE}: the worker runs one batch of at most {@code max} jobs per {@code period} instead of draining
 * continuously (the seed's "hourly, at most 10 per run"). Empty: continuous.
 */
record WorkerSchedule(Duration period, int max) {

    /** The cap per run when a schedule is set and {@code ZSYNC_SCHEDULE_MAX} is not. */
    static final int DEFAULT_MAX = 10;

    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,6})\\s*([smh])");

    WorkerSchedule {
        if (period.isNegative() || period.isZero() || max < 1) {
            throw new Config.ConfigException("a schedule needs a positive period and cap");
        }
    }

    /** {@code continuous} (or unset), {@code hourly}, {@code every <n>s|m|h}; refused in one sentence otherwise. */
    static Optional<WorkerSchedule> parse(Optional<String> schedule, Optional<String> max) {
        String value = schedule.orElse("continuous").strip().toLowerCase(Locale.ROOT);
        if (value.equals("continuous")) {
            if (max.isPresent()) {
                throw new Config.ConfigException("ZSYNC_SCHEDULE_MAX needs ZSYNC_SCHEDULE (hourly, every <n>m|h)");
            }
            return Optional.empty();
        }
        Duration period;
        Matcher every = EVERY.matcher(value);
        if (value.equals("hourly")) {
            period = Duration.ofHours(1);
        } else if (every.matches() && Long.parseLong(every.group(1)) > 0) {
            long n = Long.parseLong(every.group(1));
            period = switch (every.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            throw new Config.ConfigException("ZSYNC_SCHEDULE must be continuous, hourly or every <n>s|m|h (e.g. every"
                    + " 15m), not '" + schedule.get() + "'");
        }
        int cap;
        try {
            cap = max.map(Integer::parseInt).orElse(DEFAULT_MAX);
        } catch (NumberFormatException e) {
            cap = 0;
        }
        if (cap < 1) {
            throw new Config.ConfigException(
                    "ZSYNC_SCHEDULE_MAX must be a whole number of at least 1, not '" + max.orElse("") + "'");
        }
        return Optional.of(new WorkerSchedule(period, cap));
    }

    @Override
    public String toString() {
        return "at most " + max + " jobs every " + period;
    }
}
