package io.zohosync.bootstrap;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stock both ways with Zoho Inventory (issue 11): {@code ZSYNC_STOCK_FLUSH_MS} (how long after its first queued change
 * a stock record is pushed; default 2000), {@code ZSYNC_ZOHO_INVENTORY_WEBHOOK_SECRET} (the Inventory webhooks'
 * secret; unset: the webhook route answers 404), {@code ZSYNC_INVENTORY_POLL_EVERY} (how often Zoho's adjustments are
 * polled as the safety net: a number and {@code s}, {@code m} or {@code h}, at least a second; {@code off}: never;
 * default {@code 5m}).
 */
record StockSettings(Duration flush, Optional<String> webhookSecret, Optional<Duration> pollEvery) {

    static final Duration DEFAULT_POLL = Duration.ofMinutes(5);

    static StockSettings from(Map<String, String> env) {
        return new StockSettings(flush(env), text(env, "ZSYNC_ZOHO_INVENTORY_WEBHOOK_SECRET"), poll(env));
    }

    private static Duration flush(Map<String, String> env) {
        Optional<String> raw = text(env, "ZSYNC_STOCK_FLUSH_MS");
        try {
            long ms = raw.map(Long::parseLong).orElse(2_000L);
            if (ms >= 0 && ms <= 3_600_000) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Config.ConfigException(
                "ZSYNC_STOCK_FLUSH_MS must be a whole number of milliseconds from 0 to 3600000, not '" + raw.get()
                        + "'");
    }

    private static Optional<Duration> poll(Map<String, String> env) {
        Optional<String> raw = text(env, "ZSYNC_INVENTORY_POLL_EVERY").map(v -> v.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return Optional.of(DEFAULT_POLL);
        }
        if (raw.get().equals("off")) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("([0-9]{1,6})([smh])").matcher(raw.get());
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
        }
        throw new Config.ConfigException(
                "ZSYNC_INVENTORY_POLL_EVERY must be off or a duration such as 30s, 5m or 1h, not '" + raw.get() + "'");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return "StockSettings[flush=" + flush + ", webhookSecret="
                + webhookSecret.map(s -> "***").orElse("none") + ", pollEvery="
                + pollEvery.map(Duration::toString).orElse("off") + "]";
    }
}
